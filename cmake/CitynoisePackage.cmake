# A Debian package of the installed programs and their data:
#   cmake --build build --target package   ->  build/citynoise_<version>_<arch>.deb
# holding /usr/bin/citynoise, /usr/bin/citynoise-view and /usr/share/citynoise/ (what
# `cmake --install` puts under any prefix). Library dependencies come from dpkg-shlibdeps.
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "citynoise")
set(CPACK_PACKAGE_VENDOR "citynoise")
set(CPACK_PACKAGE_CONTACT "citynoise developers <citynoise@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION
    "citynoise computes three-dimensional environmental noise maps of city districts with the\n"
    "CNOSSOS-EU method (Directive 2015/996 Annex II as amended by 2021/1226): facade levels per\n"
    "floor, grids, sections and volumes, assessed against GB 3096-2008 zone limits, with remedy\n"
    "variants and barrier design; citynoise-view shows the results in 3D.")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "science")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEB_COMPONENT_INSTALL OFF)
set(CPACK_STRIP_FILES ON)
include(CPack)
