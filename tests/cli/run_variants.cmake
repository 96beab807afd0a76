# Variants of the tiny district: computed from the base's transfers, they must give exactly what a
# full recomputation gives (every variant's summary.csv, run figures aside); a variant changing
# nothing gives zero difference; costs add up (metres × rate, m² × rate, lump sums).
#   cmake -DCITYNOISE=… -DBASE=base.toml.in -DPART=variants.toml.part -DDATA=… -DWORK=… -P run_variants.cmake
cmake_minimum_required(VERSION 3.25)
file(READ ${BASE} text)
file(READ ${PART} part)
string(REPLACE "@DATA@" "${DATA}" text "${text}${part}")
file(MAKE_DIRECTORY ${WORK})
file(WRITE ${WORK}/tiny-variants.toml "${text}")

foreach(mode fast full)
  set(args)
  if(mode STREQUAL "full")
    set(args --full-variants)
  endif()
  execute_process(COMMAND ${CITYNOISE} run ${WORK}/tiny-variants.toml --out ${WORK}/${mode} ${args}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${mode}: exit ${rc}\n${out}\n${err}")
  endif()
  set(stderr_${mode} "${err}")
endforeach()

if(NOT stderr_fast MATCHES "variant quiet: emission only" OR NOT stderr_fast MATCHES "variant nothing: emission only"
   OR NOT stderr_fast MATCHES "variant wall: stored transfers \\+ paths found again")
  message(FATAL_ERROR "the fast path was not taken as expected:\n${stderr_fast}")
endif()

function(levels_of file out)
  file(STRINGS ${file} lines)
  list(FILTER lines EXCLUDE REGEX "^run,")
  set(${out} "${lines}" PARENT_SCOPE)
endfunction()
foreach(v quiet wall smart nothing windows)
  levels_of(${WORK}/fast/variants/${v}/summary.csv a)
  levels_of(${WORK}/full/variants/${v}/summary.csv b)
  if(NOT a STREQUAL b)
    message(FATAL_ERROR "variant ${v}: the fast evaluation differs from a full recomputation:\n${a}\n---\n${b}")
  endif()
endforeach()

file(READ ${WORK}/fast/compare.csv compare)
# variant,cost,…: 200 m × 8 m × 100 = 160000; 55 m × 1000 = 55000; one speaker 5000; 6 windows
# × 800 = 4800; nothing 0.
foreach(expect "quiet,160000.00," "wall,55000.00," "smart,5000.00," "windows,4800.00," "nothing,0.00,0.0,,0.0,0.0,0.0,0.0,")
  if(NOT compare MATCHES "${expect}")
    message(FATAL_ERROR "compare.csv lacks '${expect}':\n${compare}")
  endif()
endforeach()
# Nothing changed: no façade point better or worse, zero largest drop and rise.
if(NOT compare MATCHES "nothing,0.00,0.0,,0.0,0.0,0.0,0.0,[0-9.]+,[0-9.]+,[0-9.]+,[0-9.]+,[0-9.]+,[0-9.]+,0,0,0,0.00,0.00,")
  message(FATAL_ERROR "the variant that changes nothing shows a difference:\n${compare}")
endif()
# Better windows change no outdoor level but bring b3's rooms under the indoor target.
if(NOT compare MATCHES "windows,4800.00,[1-9][0-9.]*,[0-9.]+,0.0,0.0,0.0,[1-9][0-9.]*,")
  message(FATAL_ERROR "the windows variant relieves nobody indoors:\n${compare}")
endif()
foreach(f compare.md variants/wall/facades.vtp variants/wall/tiny.gpkg)
  if(NOT EXISTS ${WORK}/fast/${f})
    message(FATAL_ERROR "missing ${f}")
  endif()
endforeach()
