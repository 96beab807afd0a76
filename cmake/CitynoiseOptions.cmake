# Build options shared by every target of the project.
#
#   citynoise::warnings   -Wall -Wextra -Wpedantic (+ -Werror with CITYNOISE_WERROR=ON, as CI does)
#   citynoise::fp         -ffp-contract=off: no fused multiply-add, so a band level does not depend
#                         on whether the compiler chose to contract a*b+c (reproducible numbers)
#   CITYNOISE_SANITIZE    "address;undefined" style list for ASan/UBSan builds

option(CITYNOISE_WERROR "Treat compiler warnings as errors" OFF)
set(CITYNOISE_SANITIZE "" CACHE STRING "Sanitizers to enable, e.g. address;undefined")

add_library(citynoise_warnings INTERFACE)
add_library(citynoise::warnings ALIAS citynoise_warnings)
target_compile_options(citynoise_warnings INTERFACE -Wall -Wextra -Wpedantic
                       $<$<BOOL:${CITYNOISE_WERROR}>:-Werror>)
# GCC 12 reports false -Wrestrict overlaps inside std::string concatenation (GCC bug 105329).
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(citynoise_warnings INTERFACE -Wno-restrict)
endif()

add_library(citynoise_fp INTERFACE)
add_library(citynoise::fp ALIAS citynoise_fp)
target_compile_options(citynoise_fp INTERFACE -ffp-contract=off)

if(CITYNOISE_SANITIZE)
  string(REPLACE ";" "," _san "${CITYNOISE_SANITIZE}")
  add_compile_options(-fsanitize=${_san} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${_san})
endif()

# Every project target: warnings + reproducible floating point.
function(citynoise_target_defaults target)
  target_link_libraries(${target} PRIVATE citynoise::warnings citynoise::fp)
endfunction()
