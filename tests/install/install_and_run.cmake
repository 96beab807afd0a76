# cmake -DBUILD=<build tree> -DBUILD_CITYNOISE=<build tree's citynoise> -DBASE=base.toml.in
#       -DDATA=<its data> -DWORK=<dir> -DXVFB=xvfb-run -DCHECK=check_screenshot -DVERSION=x.y.z
#       -P install_and_run.cmake
# 1. installs into a fresh prefix under the system temp folder (outside the build tree, so the
#    installed programs can only find what the prefix holds);
# 2. the installed citynoise reports its data folder in the prefix and runs the tiny district;
#    its results equal those of the build tree's program byte for byte;
# 3. the installed citynoise-view draws the result with the installed palette (every legend class
#    colour in the image);
# 4. without share/citynoise the installed program stops with a message saying what it searched.
cmake_minimum_required(VERSION 3.25)
set(tmp "$ENV{TMPDIR}")
if(NOT tmp)
  set(tmp /tmp)
endif()
string(RANDOM LENGTH 10 tag)
set(prefix ${tmp}/citynoise-install-${tag})
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})

function(run)
  cmake_parse_arguments(R "" "EXPECT;OUTPUT" "COMMAND" ${ARGN})
  execute_process(COMMAND ${R_COMMAND} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT R_EXPECT)
    set(R_EXPECT 0)
  endif()
  if(NOT rc EQUAL R_EXPECT)
    file(REMOVE_RECURSE ${prefix})
    message(FATAL_ERROR "${R_COMMAND}\nexit ${rc} (expected ${R_EXPECT})\n${out}\n${err}")
  endif()
  if(R_OUTPUT)
    set(${R_OUTPUT} "${out}${err}" PARENT_SCOPE)
  endif()
endfunction()
function(expect text regex what)
  if(NOT text MATCHES "${regex}")
    file(REMOVE_RECURSE ${prefix})
    message(FATAL_ERROR "${what}: no match for '${regex}' in:\n${text}")
  endif()
endfunction()

run(COMMAND ${CMAKE_COMMAND} --install ${BUILD} --prefix ${prefix} OUTPUT log)
foreach(f bin/citynoise bin/citynoise-view share/citynoise/palettes.json share/citynoise/sources/equipment.csv
          share/citynoise/cnossos/RoadCnossos_2020.json share/citynoise/cnossos/RailwayEmissionCnossos.json
          share/citynoise/cnossos/outdated/RailwayVehiclesCnossos_2015.json)
  if(NOT EXISTS ${prefix}/${f})
    file(REMOVE_RECURSE ${prefix})
    message(FATAL_ERROR "the install lacks ${f}:\n${log}")
  endif()
endforeach()

set(cn ${prefix}/bin/citynoise)
run(COMMAND ${cn} --version OUTPUT version)
expect("${version}" "citynoise ${VERSION}\ndata: ${prefix}/share/citynoise" "citynoise --version")

file(READ ${BASE} text)
string(REPLACE "@DATA@" "${DATA}" text "${text}")
file(WRITE ${WORK}/tiny.toml "${text}")
run(COMMAND ${cn} run ${WORK}/tiny.toml --out ${WORK}/installed --threads 2 OUTPUT out)
expect("${out}" "tiny: [1-9][0-9]* receivers" "the installed run")
run(COMMAND ${BUILD_CITYNOISE} run ${WORK}/tiny.toml --out ${WORK}/built --threads 2 --quiet)
foreach(f tiny.gpkg summary.csv grid_4_Lden.tif city.glb)
  if(NOT EXISTS ${WORK}/installed/${f})
    file(REMOVE_RECURSE ${prefix})
    message(FATAL_ERROR "the installed run wrote no ${f}")
  endif()
endforeach()
foreach(f city.glb facades.vtp grid_4_Lden.tif)
  run(COMMAND ${CMAKE_COMMAND} -E compare_files ${WORK}/installed/${f} ${WORK}/built/${f})
endforeach()

set(image ${WORK}/installed.png)
run(COMMAND ${XVFB} -a -s "-screen 0 1920x1080x24" ${prefix}/bin/citynoise-view ${WORK}/installed
            --screenshot ${image} --size 1200x800 --quiet)
run(COMMAND ${CHECK} ${image} legend level OUTPUT checked)

file(RENAME ${prefix}/share/citynoise ${prefix}/share/elsewhere)
run(COMMAND ${cn} run ${WORK}/tiny.toml --out ${WORK}/nodata EXPECT 1 OUTPUT missing)
expect("${missing}" "citynoise data not found .*searched:.*${prefix}/share/citynoise" "a prefix without its data")
file(REMOVE_RECURSE ${prefix})
message(STATUS "installed, ran and viewed from ${prefix}:\n${out}")
