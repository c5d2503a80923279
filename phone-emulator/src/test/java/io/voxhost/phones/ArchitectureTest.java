package io.voxhost.phones;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import io.voxhost.platform.testing.ArchitectureRules;

/** The house's rules ({@link ArchitectureRules}) on the phone emulator's classes. */
@AnalyzeClasses(
    packages = "io.voxhost.phones",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest static final ArchTests RULES = ArchTests.in(ArchitectureRules.class);
}
