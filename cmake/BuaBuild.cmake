# The version (project version + `git describe` at configure time) and the FHS paths, written
# into build/generated/bua_build.h for every program (see inventory/inv_paths.h).
include(GNUInstallDirs)

set(BUA_VERSION ${PROJECT_VERSION})
find_package(Git QUIET)
if(GIT_FOUND AND EXISTS ${PROJECT_SOURCE_DIR}/.git)
    execute_process(COMMAND ${GIT_EXECUTABLE} describe --tags --always --dirty
                    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
                    OUTPUT_VARIABLE BUA_GIT_DESCRIBE OUTPUT_STRIP_TRAILING_WHITESPACE
                    ERROR_QUIET RESULT_VARIABLE BUA_GIT_RC)
    if(BUA_GIT_RC EQUAL 0 AND BUA_GIT_DESCRIBE)
        set(BUA_VERSION "${PROJECT_VERSION} (git ${BUA_GIT_DESCRIBE})")
    endif()
endif()

# Data follows the install prefix (that is where `cmake --install` puts it); the config and
# the database are where the FHS and the package's units say, whatever the prefix.
set(BUA_DATA_DIR ${CMAKE_INSTALL_FULL_DATADIR}/bua-kiosk)
set(BUA_CONFIG_FILE /etc/bua-kiosk/kiosk.ini)
set(BUA_STATE_DIR /var/lib/bua-kiosk)
set(BUA_SYSTEM_FONT_DIR /usr/share/fonts/truetype/dejavu)

configure_file(${PROJECT_SOURCE_DIR}/cmake/bua_build.h.in
               ${PROJECT_BINARY_DIR}/generated/bua_build.h @ONLY)
add_library(bua_build INTERFACE)
target_include_directories(bua_build INTERFACE ${PROJECT_BINARY_DIR}/generated)

# __FILE__ (assert-style messages) relative to the source tree: an installed program carries no
# path of the tree it was built in (and the package builds reproducibly).
add_compile_options(-fmacro-prefix-map=${PROJECT_SOURCE_DIR}/=)
