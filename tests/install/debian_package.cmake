# cmake -DBUILD=<build tree> -DDPKG_DEB=dpkg-deb -DWORK=<dir> -P debian_package.cmake
# Builds the Debian package with CPack and checks that it installs the programs under /usr/bin and
# their data under /usr/share/citynoise, with library dependencies filled in.
cmake_minimum_required(VERSION 3.25)
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
execute_process(COMMAND cpack -G DEB -B ${WORK} --config ${BUILD}/CPackConfig.cmake
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
file(GLOB debs ${WORK}/citynoise_*.deb)
if(NOT rc EQUAL 0 OR NOT debs)
  message(FATAL_ERROR "cpack failed (${rc}):\n${out}\n${err}")
endif()
list(GET debs 0 deb)
execute_process(COMMAND ${DPKG_DEB} --contents ${deb} OUTPUT_VARIABLE contents RESULT_VARIABLE rc1)
execute_process(COMMAND ${DPKG_DEB} --field ${deb} Package Depends OUTPUT_VARIABLE fields RESULT_VARIABLE rc2)
foreach(path ./usr/bin/citynoise ./usr/bin/citynoise-view ./usr/share/citynoise/palettes.json
             ./usr/share/citynoise/sources/equipment.csv ./usr/share/citynoise/cnossos/RoadCnossos_2020.json)
  string(FIND "${contents}" "${path}\n" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${deb} lacks ${path}:\n${contents}")
  endif()
endforeach()
if(NOT fields MATCHES "Package: citynoise" OR NOT fields MATCHES "Depends: .*libgdal")
  message(FATAL_ERROR "${deb}: unexpected control fields:\n${fields}")
endif()
message(STATUS "${deb}\n${fields}")
