# A store with two results of the tiny district (the first retired, the second public with a finer
# grid), served on a free localhost port and queried (api_test.py).
#   cmake -DCITYNOISE=… -DBASE=… -DDATA=… -DWORK=… -DPYTHON=… -DSCRIPT=… -P api_test.cmake
cmake_minimum_required(VERSION 3.25)
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
file(READ ${BASE} text)
string(REPLACE "@DATA@" "${DATA}" text "${text}")
file(WRITE ${WORK}/tiny.toml "${text}")
string(REPLACE "spacing = 20.0" "spacing = 10.0" text2 "${text}")
file(WRITE ${WORK}/tiny2.toml "${text2}")
foreach(step "run;${WORK}/tiny.toml;--out;${WORK}/a;--quiet" "run;${WORK}/tiny2.toml;--out;${WORK}/b;--quiet"
             "store;init;${WORK}/maps.sqlite" "store;add;${WORK}/maps.sqlite;${WORK}/a;--label;first"
             "store;add;${WORK}/maps.sqlite;${WORK}/b;--label;second" "store;retire;${WORK}/maps.sqlite;1")
  execute_process(COMMAND ${CITYNOISE} ${step} RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${step}: ${err}")
  endif()
endforeach()
# A viewer's token, and one revoked.
foreach(who alice bob)
  execute_process(COMMAND ${CITYNOISE} token add ${WORK}/maps.sqlite --name ${who} --role viewer OUTPUT_VARIABLE token_${who} RESULT_VARIABLE rc)
  string(STRIP "${token_${who}}" token_${who})
  if(NOT rc EQUAL 0 OR NOT token_${who} MATCHES "^cn_[0-9a-f]+$")
    message(FATAL_ERROR "token add: ${token_${who}}")
  endif()
endforeach()
execute_process(COMMAND ${CITYNOISE} token revoke ${WORK}/maps.sqlite --name bob RESULT_VARIABLE rc OUTPUT_QUIET)
execute_process(COMMAND ${CITYNOISE} token list ${WORK}/maps.sqlite OUTPUT_VARIABLE tokens)
if(NOT tokens MATCHES "alice  viewer" OR NOT tokens MATCHES "bob  viewer  created [^\n]*\[revoked\]" OR tokens MATCHES "cn_")
  message(FATAL_ERROR "token list: ${tokens}")
endif()
execute_process(COMMAND ${PYTHON} ${SCRIPT} ${CITYNOISE} ${WORK}/maps.sqlite ${WORK}/b/tiny.gpkg 1 ${token_alice} ${token_bob}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message(STATUS "${out}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "API test failed: ${out}${err}")
endif()
