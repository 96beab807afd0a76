# The Chinese-conventions district (run_cases/china, made by make_china.py): layers in CGCS2000
# (EPSG:4490) mapped in EPSG:4544, Chinese attribute names, counts by vehicle class, a branch road
# with traffic from its class, 4a strips from road classes. Checks the façade zones (B1 and B3 by
# the arterial in 4a, B2 behind in class 2), the sensitive uses named in Chinese and both roads.
#   cmake -DCITYNOISE=… -DSCENARIO=… -DWORK=… -DOGRINFO=… -P run_china.cmake
cmake_minimum_required(VERSION 3.25)
file(REMOVE_RECURSE ${WORK})
execute_process(COMMAND ${CITYNOISE} run ${SCENARIO} --out ${WORK} --quiet RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "run failed (${rc}): ${err}")
endif()
execute_process(COMMAND ${OGRINFO} -ro -q ${WORK}/china.gpkg -sql
                "SELECT building || ':' || zone AS z FROM facade_receivers GROUP BY building, zone ORDER BY building, zone" OUTPUT_VARIABLE zones)
string(REGEX MATCHALL "z \\(String\\) = [^\n]+" zones "${zones}")
string(REPLACE "z (String) = " "" zones "${zones}")
if(NOT zones STREQUAL "B1:4a;B2:2;B3:4a")
  message(FATAL_ERROR "façade zones: ${zones}, expected B1:4a;B2:2;B3:4a")
endif()
execute_process(COMMAND ${OGRINFO} -ro -q ${WORK}/china.gpkg -sql "SELECT id || ':' || use AS u FROM buildings ORDER BY id" OUTPUT_VARIABLE uses)
if(NOT uses MATCHES "B1:住宅" OR NOT uses MATCHES "B2:学校")
  message(FATAL_ERROR "building uses: ${uses}")
endif()
execute_process(COMMAND ${OGRINFO} -ro -q ${WORK}/china.gpkg -sql "SELECT id FROM sources WHERE LwA_day > 70" OUTPUT_VARIABLE roads)
if(NOT roads MATCHES "R1" OR NOT roads MATCHES "R2")
  message(FATAL_ERROR "road sources: ${roads}")
endif()
file(READ ${WORK}/summary.md summary)
if(NOT summary MATCHES "4a")
  message(FATAL_ERROR "no class 4a in the summary")
endif()
