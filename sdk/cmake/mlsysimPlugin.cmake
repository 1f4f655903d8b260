# mlsysim_add_plugin(<name> SOURCES <src>... [LINK_LIBRARIES <lib>...])
#
# Builds a solver/provider plugin: a MODULE library named
# libmlsysim_<name>.so, linked against the kernel and the SDK, with hidden
# symbols except the entry point. Inside the mlsysim source tree the plugin
# lands in the build's plugin directory and is installed with mlsysim;
# outside it lands in the caller's build directory (point
# MLSYSIM_PLUGIN_PATH there, or pass --plugin-path).
function(mlsysim_add_plugin name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LINK_LIBRARIES" ${ARGN})
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
    target_compile_options(${target} PRIVATE -Wall -Wextra)
    set_target_properties(${target} PROPERTIES
      LIBRARY_OUTPUT_DIRECTORY "${MLSYSIM_BUILD_PLUGIN_DIR}"
      INSTALL_RPATH "$ORIGIN/${MLSYSIM_LIB_DIR_FROM_PLUGINS}")
    set_property(GLOBAL APPEND PROPERTY MLSYSIM_INSTALL_PLUGINS ${target})
  endif()
endfunction()
