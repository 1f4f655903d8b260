# mlsysim_add_plugin(<name> SOURCES <src>... [LINK_LIBRARIES <lib>...] [DATA <file>...])
#
# DATA files (e.g. a calibrated variant's parameter file) are copied beside
# the library, where the plugin finds them (sdk/calibration.hpp), and
# installed with it.
#
# Builds a solver/provider plugin: a MODULE library named
# libmlsysim_<name>.so, linked against the kernel and the SDK, with hidden
# symbols except the entry point. Inside the mlsysim source tree the plugin
# lands in the build's plugin directory and is installed with mlsysim;
# outside it lands in the caller's build directory (point
# MLSYSIM_PLUGIN_PATH there, or pass --plugin-path).
function(mlsysim_add_plugin name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LINK_LIBRARIES;DATA" ${ARGN})
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "mlsysim_add_plugin(${name}): SOURCES is required")
  endif()
  set(target mlsysim_plugin_${name})
  add_library(${target} MODULE ${ARG_SOURCES})
  target_link_libraries(${target} PRIVATE mlsysim::sdk ${ARG_LINK_LIBRARIES})
  set_target_properties(${target} PROPERTIES
    OUTPUT_NAME mlsysim_${name}
    CXX_STANDARD 20
    CXX_STANDARD_REQUIRED ON
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  if(DEFINED MLSYSIM_BUILD_PLUGIN_DIR)  # in-tree
    mlsysim_warnings(${target})
    set_target_properties(${target} PROPERTIES
      LIBRARY_OUTPUT_DIRECTORY "${MLSYSIM_BUILD_PLUGIN_DIR}"
      INSTALL_RPATH "$ORIGIN/${MLSYSIM_LIB_DIR_FROM_PLUGINS}"
      BUILD_WITH_INSTALL_RPATH ON)
    set_property(GLOBAL APPEND PROPERTY MLSYSIM_INSTALL_PLUGINS ${target})
  endif()
  foreach(file IN LISTS ARG_DATA)
    get_filename_component(abs "${file}" ABSOLUTE)
    get_filename_component(base "${file}" NAME)
    add_custom_command(TARGET ${target} POST_BUILD
      COMMAND ${CMAKE_COMMAND} -E copy_if_different "${abs}" "$<TARGET_FILE_DIR:${target}>/${base}"
      VERBATIM)
    set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS "${abs}")  # recopy when it changes
    if(DEFINED MLSYSIM_BUILD_PLUGIN_DIR)
      set_property(GLOBAL APPEND PROPERTY MLSYSIM_INSTALL_PLUGIN_DATA "${abs}")
    endif()
  endforeach()
endfunction()
