# 1. A good run writes WORK/out. 2. A run of a broken variant into the same folder fails and leaves
# it exactly as it was, with no temporary folder behind. 3. A batch of the good and the broken
# scenario: the good one is written, the broken one reported, the exit status says not all
# succeeded.
#   cmake -DCITYNOISE=… -DBASE=… -DDATA=… -DWORK=… -P run_keeps_output.cmake
cmake_minimum_required(VERSION 3.25)  # new policies: no @VAR@ expansion in quoted strings
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
file(READ ${BASE} text)
string(REPLACE "@DATA@" "${DATA}" good "${text}")
file(WRITE ${WORK}/good.toml "${good}")
# Broken late: the scenario loads, the scene builds, then the loudspeaker is found inside b1.
string(REPLACE "position = [650050, 3270010]" "position = [650030, 3270030]" bad "${good}")
string(REPLACE "name = \"tiny\"" "name = \"tiny-bad\"" bad "${bad}")
file(WRITE ${WORK}/bad.toml "${bad}")

execute_process(COMMAND ${CITYNOISE} run ${WORK}/good.toml --out ${WORK}/out --quiet RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the good run failed: ${rc}")
endif()
file(SHA256 ${WORK}/out/summary.csv before)
file(GLOB files_before RELATIVE ${WORK}/out ${WORK}/out/*)

execute_process(COMMAND ${CITYNOISE} run ${WORK}/bad.toml --out ${WORK}/out --quiet RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 2)
  message(FATAL_ERROR "the broken run: exit ${rc}, expected 2\n${err}")
endif()
file(SHA256 ${WORK}/out/summary.csv after)
file(GLOB files_after RELATIVE ${WORK}/out ${WORK}/out/*)
if(NOT before STREQUAL after OR NOT files_before STREQUAL files_after)
  message(FATAL_ERROR "the failed run changed the earlier output")
endif()
file(GLOB leftovers ${WORK}/.out*)
if(leftovers)
  message(FATAL_ERROR "temporary folders left behind: ${leftovers}")
endif()

execute_process(COMMAND ${CITYNOISE} run ${WORK}/good.toml ${WORK}/bad.toml --out ${WORK}/batch --quiet
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 2 OR NOT out MATCHES "1 of 2 scenarios done" OR NOT err MATCHES "speaker-1: position: the source is inside building b1")
  message(FATAL_ERROR "batch: exit ${rc}\nstdout: ${out}\nstderr: ${err}")
endif()
if(NOT EXISTS ${WORK}/batch/tiny/summary.md OR EXISTS ${WORK}/batch/tiny-bad)
  message(FATAL_ERROR "batch: expected batch/tiny only")
endif()
