# Builds the libFuzzer harnesses with clang (a CITYNOISE_FUZZ=ON tree) and runs each for RUNS
# inputs or SECONDS, from its seeds and regressions. A crash fails the test and names the input
# to add to tests/fuzz/regressions/<target>/ once fixed.
#   cmake -DSOURCE=… -DBUILD=… -DCLANGXX=… -DGENERATOR=… -DSEEDS_<t>=a|b|… -DRUNS=n -DSECONDS=s -P run_fuzzers.cmake
cmake_minimum_required(VERSION 3.25)
execute_process(COMMAND ${CMAKE_COMMAND} -S ${SOURCE} -B ${BUILD} -G ${GENERATOR} -DCMAKE_CXX_COMPILER=${CLANGXX}
                        -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCITYNOISE_FUZZ=ON
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cannot configure the fuzzing build: ${err}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BUILD} --parallel 2 RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cannot build the fuzzers: ${out}${err}")
endif()
foreach(t scenario case expression)
  set(corpus ${BUILD}/corpus/${t})
  file(REMOVE_RECURSE ${corpus})
  file(MAKE_DIRECTORY ${corpus} ${BUILD}/artifacts)
  string(REPLACE "|" ";" seeds "${SEEDS_${t}}")
  foreach(s ${seeds})
    if(IS_DIRECTORY ${s})
      file(GLOB s ${s}/*)
    endif()
    file(COPY ${s} DESTINATION ${corpus})
  endforeach()
  file(GLOB regressions ${SOURCE}/tests/fuzz/regressions/${t}/*)
  if(regressions)
    file(COPY ${regressions} DESTINATION ${corpus})
  endif()
  execute_process(COMMAND ${BUILD}/tests/fuzz/fuzz_${t} -runs=${RUNS} -max_total_time=${SECONDS} -max_len=8192 -timeout=10
                          -artifact_prefix=${BUILD}/artifacts/${t}- ${corpus}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  string(REGEX MATCH "#[0-9]+[^\n]*DONE[^\n]*" done "${err}")
  message(STATUS "fuzz_${t}: ${done}")
  if(NOT rc EQUAL 0)
    string(REGEX MATCH "Test unit written to [^\n]+" unit "${err}")
    message(FATAL_ERROR "fuzz_${t} found a failure (${rc}): ${unit}\n${err}")
  endif()
endforeach()
