# Writes a variant of run_cases/base.toml.in and runs `citynoise run` on it:
#   cmake -DCITYNOISE=… -DBASE=… -DDATA=… -DWORK=… -DNAME=… [-DFROM=… -DTO=…] [-DARGS=…]
#         -DEXPECTED_EXIT=… [-DSTDERR_REGEX=…] [-DSTDOUT_REGEX=…] [-DSUBCOMMAND=barrier-design] -P run_case.cmake
# FROM/TO replace pieces of the base scenario (the one broken thing of the case).
cmake_minimum_required(VERSION 3.25)  # new policies: no @VAR@ expansion in quoted strings
file(READ ${BASE} text)
# FROM and TO are lists of the same length: each FROM item is replaced by its TO item.
list(LENGTH FROM count)
if(count GREATER 0)
  math(EXPR last "${count} - 1")
  foreach(i RANGE ${last})
    list(GET FROM ${i} from)
    list(GET TO ${i} to)
    string(FIND "${text}" "${from}" at)
    if(at EQUAL -1)
      message(FATAL_ERROR "the base scenario has no '${from}'")
    endif()
    string(REPLACE "${from}" "${to}" text "${text}")
  endforeach()
endif()
string(REPLACE "@DATA@" "${DATA}" text "${text}")
file(MAKE_DIRECTORY ${WORK})
set(scenario ${WORK}/${NAME}.toml)
file(WRITE ${scenario} "${text}")
if(NOT SUBCOMMAND)
  set(SUBCOMMAND run)
endif()
set(COMMAND ${CITYNOISE} ${SUBCOMMAND} ${scenario} --out ${WORK}/${NAME}-out ${ARGS})
include(${CMAKE_CURRENT_LIST_DIR}/expect_exit.cmake)
