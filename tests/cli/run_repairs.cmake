# A building layer with every defect class (run_cases/data/buildings_defects.geojson: bow-tie,
# self-touching ring, collection, empty, null, sliver, unclosed ring, NaN height, an identical
# copy): the run repairs or drops each as stated, repairs.csv lists each object (material ones
# first), the GeoPackage holds exactly the buildings left; with --strict the run stops at the first
# defect naming it.
#   cmake -DCITYNOISE=… -DBASE=… -DDATA=… -DWORK=… -DEXPECTED=repairs_expected.csv -DOGRINFO=… -P run_repairs.cmake
cmake_minimum_required(VERSION 3.25)
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
file(READ ${BASE} text)
string(REPLACE "@DATA@" "${DATA}" text "${text}")
string(REPLACE "buildings.geojson" "buildings_defects.geojson" text "${text}")
file(WRITE ${WORK}/tiny.toml "${text}")

execute_process(COMMAND ${CITYNOISE} run ${WORK}/tiny.toml --out ${WORK}/out RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the run with repairable defects failed (${rc}): ${err}")
endif()
foreach(w "bowtie: warning: buildings: a repair dropped a feature or changed its area by more than 10 %"
          "invalid polygons .* made valid .*\\(and 1 more objects\\)" "geometry collections reduced" "identical copies"
          "unclosed rings closed" "slivers .* dropped")
  if(NOT err MATCHES "${w}")
    message(FATAL_ERROR "no warning matching '${w}' in:\n${err}")
  endif()
endforeach()

# repairs.csv without its file and area columns, against the expected table.
file(STRINGS ${WORK}/out/repairs.csv lines)
set(got "")
foreach(line IN LISTS lines)
  # file,layer,id,defect,action,before,after,change,material: keep id, defect, action, material.
  string(REGEX REPLACE "^[^,]*,[^,]*,(.*),[-0-9.]+,[-0-9.]+,[-0-9.]+,(yes|no)$" "\\1,\\2" row "${line}")
  if(line MATCHES "^file,layer,")
    set(row "id,defect,action,material")
  endif()
  string(APPEND got "${row}\n")
endforeach()
file(READ ${EXPECTED} expected)
if(NOT got STREQUAL expected)
  message(FATAL_ERROR "repairs.csv differs from ${EXPECTED}:\n${got}")
endif()

# The buildings left: the good three, the bow-tie's two halves and the repaired ones.
execute_process(COMMAND ${OGRINFO} -ro -q ${WORK}/out/tiny.gpkg -sql "SELECT id FROM buildings ORDER BY id" OUTPUT_VARIABLE ids)
string(REGEX MATCHALL "id \\(String\\) = [^\n]+" ids "${ids}")
string(REPLACE "id (String) = " "" ids "${ids}")
set(want "b1;b2;b3;bowtie#0;bowtie#1;collection;nan-height;touching;unclosed")
if(NOT ids STREQUAL want)
  message(FATAL_ERROR "buildings in the GeoPackage: ${ids}, expected ${want}")
endif()

# --strict: the first defect stops the run, named.
execute_process(COMMAND ${CITYNOISE} run ${WORK}/tiny.toml --out ${WORK}/strict --strict RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 2 OR NOT err MATCHES "buildings_defects.geojson: bowtie: geometry: the ring intersects or touches itself")
  message(FATAL_ERROR "--strict: expected exit 2 naming the bow-tie, got ${rc}: ${err}")
endif()
if(EXISTS ${WORK}/strict)
  message(FATAL_ERROR "--strict: a failed run wrote outputs")
endif()
