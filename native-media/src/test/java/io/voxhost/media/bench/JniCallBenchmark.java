package io.voxhost.media.bench;

import io.voxhost.media.service.Implementations;
import io.voxhost.media.service.NativeCall;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The cost of crossing into C and back with (nearly) nothing to do there. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JniCallBenchmark {

  @Setup
  public void setUp() {
    Implementations.nativeOrSkip();
  }

  @Benchmark
  public long jniCallAlone() {
    return NativeCall.nearlyEmpty();
  }
}
