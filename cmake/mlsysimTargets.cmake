# One small helper per target kind. Plugins use mlsysim_add_plugin()
# (sdk/cmake/mlsysimPlugin.cmake), the same function outside projects get.

# mlsysim_warnings(<target>): the project's warning flags, by the options
# MLSYSIM_PEDANTIC and MLSYSIM_WARNINGS_AS_ERRORS.
function(mlsysim_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra)
  if(MLSYSIM_PEDANTIC)
    target_compile_options(${target} PRIVATE -Wpedantic -Wshadow -Wnon-virtual-dtor
                                             -Woverloaded-virtual -Wcast-align)
  endif()
  if(MLSYSIM_WARNINGS_AS_ERRORS)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# mlsysim_add_library(<name> SOURCES ... [PUBLIC_DEPS ...] [PRIVATE_DEPS ...])
# A shared kernel library (listed for install and export): public headers in include/, exported as mlsysim::<name>.
# Linked with --no-undefined, so a library that uses another without
# declaring it fails to link: the declared dependencies are the layers.
# (Not under sanitizers, whose runtimes resolve only in the executable.)
function(mlsysim_add_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC_DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(mlsysim_${name} SHARED ${ARG_SOURCES})
  add_library(mlsysim::${name} ALIAS mlsysim_${name})
  target_include_directories(mlsysim_${name} PUBLIC
    $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  target_link_libraries(mlsysim_${name} PUBLIC ${ARG_PUBLIC_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  mlsysim_warnings(mlsysim_${name})
  if(NOT CMAKE_CXX_FLAGS MATCHES "sanitize")
    target_link_options(mlsysim_${name} PRIVATE LINKER:--no-undefined)
  endif()
  set_target_properties(mlsysim_${name} PROPERTIES
    EXPORT_NAME ${name}
    VERSION ${PROJECT_VERSION} SOVERSION ${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR}
    INSTALL_RPATH "$ORIGIN" BUILD_WITH_INSTALL_RPATH ON)
  set_property(GLOBAL APPEND PROPERTY MLSYSIM_INSTALL_LIBRARIES mlsysim_${name})
endfunction()

# mlsysim_add_executable(<name> SOURCES ... [DEPS ...]): a program under bin/.
function(mlsysim_add_executable name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS})
  mlsysim_warnings(${name})
  # The build tree has the install's layout, so the relative RUNPATH serves
  # both (and CMake then pads no empty element into the build-tree one).
  set_target_properties(${name} PROPERTIES INSTALL_RPATH "$ORIGIN/${MLSYSIM_LIB_DIR_FROM_BIN}"
                                           BUILD_WITH_INSTALL_RPATH ON)
endfunction()

# mlsysim_add_test(<name> SOURCES ... [DEPS ...]): a GoogleTest program, run by CTest.
function(mlsysim_add_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  mlsysim_add_executable(${name} SOURCES ${ARG_SOURCES} DEPS GTest::gtest_main ${ARG_DEPS})
  # INSTANTIATE_TEST_SUITE_P's name generator takes a parameter `info` that
  # shadows GoogleTest's own: not ours to fix.
  target_compile_options(${name} PRIVATE -Wno-shadow)
  if(TARGET mlsysim_test_pch)  # one precompiled header for every test (tests/CMakeLists.txt)
    target_precompile_headers(${name} REUSE_FROM mlsysim_test_pch)
  endif()
  # Parameterised tests name their cases; NO_PRETTY_VALUES keeps CTest from
  # appending the parameter's printout to those names.
  gtest_discover_tests(${name} WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}
                       DISCOVERY_TIMEOUT 60 NO_PRETTY_VALUES
                       PROPERTIES ENVIRONMENT "MLSYSIM_PLUGIN_PATH=;MLSYSIM_ZOO_PATH=;COLUMNS=")
endfunction()

# mlsysim_add_benchmark(<name> SOURCES ... [DEPS ...]): a Google Benchmark program.
function(mlsysim_add_benchmark name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  mlsysim_add_executable(${name} SOURCES ${ARG_SOURCES} DEPS benchmark::benchmark ${ARG_DEPS})
endfunction()
