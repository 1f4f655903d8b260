# One directory layout for the build tree and the install tree, so the
# `mlsysim` binary finds plugins and zoo the same way in both:
#   bin/mlsysim, lib/libmlsysim_*.so, lib/mlsysim/plugins/*.so, share/mlsysim/zoo/,
#   lib/python3/dist-packages/mlsysim/ (the Python package)
set(MLSYSIM_BIN_DIR "${CMAKE_INSTALL_BINDIR}")
set(MLSYSIM_LIB_DIR "${CMAKE_INSTALL_LIBDIR}")
set(MLSYSIM_PLUGIN_DIR "${CMAKE_INSTALL_LIBDIR}/mlsysim/plugins")
set(MLSYSIM_ZOO_DIR "${CMAKE_INSTALL_DATADIR}/mlsysim/zoo")
set(MLSYSIM_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/mlsysim")
# On Debian's python3 path for a /usr/local install.
set(MLSYSIM_PYTHON_DIR "${CMAKE_INSTALL_LIBDIR}/python3/dist-packages")

file(RELATIVE_PATH MLSYSIM_PLUGIN_DIR_FROM_BIN "/${MLSYSIM_BIN_DIR}" "/${MLSYSIM_PLUGIN_DIR}")
file(RELATIVE_PATH MLSYSIM_ZOO_DIR_FROM_PLUGINS "/${MLSYSIM_PLUGIN_DIR}" "/${MLSYSIM_ZOO_DIR}")
file(RELATIVE_PATH MLSYSIM_LIB_DIR_FROM_BIN "/${MLSYSIM_BIN_DIR}" "/${MLSYSIM_LIB_DIR}")
file(RELATIVE_PATH MLSYSIM_LIB_DIR_FROM_PLUGINS "/${MLSYSIM_PLUGIN_DIR}" "/${MLSYSIM_LIB_DIR}")

set(CMAKE_RUNTIME_OUTPUT_DIRECTORY "${PROJECT_BINARY_DIR}/${MLSYSIM_BIN_DIR}")
set(CMAKE_LIBRARY_OUTPUT_DIRECTORY "${PROJECT_BINARY_DIR}/${MLSYSIM_LIB_DIR}")
set(CMAKE_ARCHIVE_OUTPUT_DIRECTORY "${PROJECT_BINARY_DIR}/${MLSYSIM_LIB_DIR}")
set(MLSYSIM_BUILD_PLUGIN_DIR "${PROJECT_BINARY_DIR}/${MLSYSIM_PLUGIN_DIR}")
set(MLSYSIM_BUILD_ZOO_DIR "${PROJECT_BINARY_DIR}/${MLSYSIM_ZOO_DIR}")
