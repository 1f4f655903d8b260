# find_package(mlsysim) straight from a build tree, without installing:
#   cmake -S my_plugin -B my_plugin/build -Dmlsysim_DIR=<mlsysim build dir>
# The targets point into the build and source trees; the install (when
# MLSYSIM_INSTALL is on) writes its own relocatable package.
get_property(mlsysim_libraries GLOBAL PROPERTY MLSYSIM_INSTALL_LIBRARIES)
export(TARGETS ${mlsysim_libraries} NAMESPACE mlsysim::
       FILE ${PROJECT_BINARY_DIR}/mlsysimTargets.cmake)
file(WRITE ${PROJECT_BINARY_DIR}/mlsysimConfig.cmake
"# Generated: the build tree of mlsysim ${PROJECT_VERSION} as a CMake package.
include(CMakeFindDependencyMacro)
find_dependency(Boost 1.74)
find_dependency(nlohmann_json 3.10)
include(\"\${CMAKE_CURRENT_LIST_DIR}/mlsysimTargets.cmake\")
include(\"${PROJECT_SOURCE_DIR}/sdk/cmake/mlsysimPlugin.cmake\")
")
include(CMakePackageConfigHelpers)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/mlsysimConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
