package io.voxhost.cti;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import io.voxhost.platform.testing.ArchitectureRules;

/** The house's rules on this module's classes ({@link ArchitectureRules}). */
@AnalyzeClasses(packages = "io.voxhost.cti", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest static final ArchTests RULES = ArchTests.in(ArchitectureRules.class);
}
