# The page in a real browser on the Yuzhong demo with its remedies (samples/yuzhong/scenario-remedies.toml:
# the base and each variant, among them the quiet pavement) in a fresh store; then the independent
# screenshot check.
#   cmake -DCITYNOISE=… -DNODE=… -DSCRIPT=… -DCHECK=… -DPYTHON=… -DPALETTES=… -DSCENARIO=… -DWORK=… -P page_test.cmake
cmake_minimum_required(VERSION 3.25)
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
foreach(step "run;${SCENARIO};--out;${WORK}/result;--quiet" "store;init;${WORK}/maps.sqlite"
             "store;add;${WORK}/maps.sqlite;${WORK}/result;--label;2026 baseline")
  execute_process(COMMAND ${CITYNOISE} ${step} RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${step}: ${err}")
  endif()
endforeach()
execute_process(COMMAND ${NODE} ${SCRIPT} ${CITYNOISE} ${WORK}/maps.sqlite ${WORK}/shots RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message(STATUS "${out}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "page test failed: ${out}${err}")
endif()
execute_process(COMMAND ${PYTHON} ${CHECK} ${WORK}/shots ${PALETTES} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message(STATUS "${out}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "screenshot check failed: ${out}${err}")
endif()
