# Installation by the FHS and the Debian package (scripts/package: cpack -G DEB).
#   /usr/bin                       bua-kiosk, bua-admin, bua-scan (installed by their folders,
#                                  bua-scan here)
#   /usr/share/bua-kiosk/i18n      the translations (the fonts come from fonts-dejavu-core)
#   /usr/share/bua-kiosk/terms     the terms borrowers accept (nb.txt, en.txt)
#   /usr/share/man/man1            man pages made by help2man from --help (BUA_MAN_PAGES)
#   /usr/lib/systemd/system        bua-kiosk.service, bua-backup.service, bua-backup.timer,
#                                  bua-remind.service, bua-remind.timer (not enabled),
#                                  bua-privacy.service, bua-privacy.timer (the retention sweep),
#                                  bua-sync.service (not enabled: needs [sync] and a device name)
#   /usr/lib/sysusers.d, tmpfiles.d  the user bua-kiosk, /var/lib/bua-kiosk (0700)
#   /usr/lib/udev/rules.d          70-bua-scanners.rules
#   /etc/bua-kiosk/kiosk.ini       the example settings (a conffile)
# The database folder is not in the package: postinst makes it (tmpfiles) and never touches
# what is in it.

install(TARGETS bua-scan RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${PROJECT_SOURCE_DIR}/assets/i18n/nb.po ${PROJECT_SOURCE_DIR}/assets/i18n/en.po
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bua-kiosk/i18n)
# the terms borrowers accept ([centre] terms in kiosk.ini points at a centre's own)
install(FILES ${PROJECT_SOURCE_DIR}/assets/terms/nb.txt ${PROJECT_SOURCE_DIR}/assets/terms/en.txt
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bua-kiosk/terms)

set(BUA_SYSTEMD_OUT ${PROJECT_BINARY_DIR}/systemd)
foreach(unit bua-kiosk.service bua-backup.service bua-remind.service bua-privacy.service
             bua-sync.service)
    configure_file(${PROJECT_SOURCE_DIR}/scripts/systemd/${unit}.in ${BUA_SYSTEMD_OUT}/${unit} @ONLY)
endforeach()
configure_file(${PROJECT_SOURCE_DIR}/scripts/systemd/bua-backup.timer
               ${BUA_SYSTEMD_OUT}/bua-backup.timer COPYONLY)
configure_file(${PROJECT_SOURCE_DIR}/scripts/systemd/bua-remind.timer
               ${BUA_SYSTEMD_OUT}/bua-remind.timer COPYONLY)
configure_file(${PROJECT_SOURCE_DIR}/scripts/systemd/bua-privacy.timer
               ${BUA_SYSTEMD_OUT}/bua-privacy.timer COPYONLY)
configure_file(${PROJECT_SOURCE_DIR}/scripts/systemd/bua-kiosk.sysusers
               ${BUA_SYSTEMD_OUT}/sysusers/bua-kiosk.conf @ONLY)
configure_file(${PROJECT_SOURCE_DIR}/scripts/systemd/bua-kiosk.tmpfiles
               ${BUA_SYSTEMD_OUT}/tmpfiles/bua-kiosk.conf @ONLY)
install(FILES ${BUA_SYSTEMD_OUT}/bua-kiosk.service ${BUA_SYSTEMD_OUT}/bua-backup.service
              ${BUA_SYSTEMD_OUT}/bua-backup.timer
              ${BUA_SYSTEMD_OUT}/bua-remind.service ${BUA_SYSTEMD_OUT}/bua-remind.timer
              ${BUA_SYSTEMD_OUT}/bua-privacy.service ${BUA_SYSTEMD_OUT}/bua-privacy.timer
              ${BUA_SYSTEMD_OUT}/bua-sync.service
        DESTINATION ${CMAKE_INSTALL_PREFIX}/lib/systemd/system)
install(FILES ${BUA_SYSTEMD_OUT}/sysusers/bua-kiosk.conf
        DESTINATION ${CMAKE_INSTALL_PREFIX}/lib/sysusers.d)
install(FILES ${BUA_SYSTEMD_OUT}/tmpfiles/bua-kiosk.conf
        DESTINATION ${CMAKE_INSTALL_PREFIX}/lib/tmpfiles.d)
install(FILES ${PROJECT_SOURCE_DIR}/scripts/udev/70-bua-scanners.rules
        DESTINATION ${CMAKE_INSTALL_PREFIX}/lib/udev/rules.d)
install(FILES ${PROJECT_SOURCE_DIR}/kiosk.ini.example DESTINATION /etc/bua-kiosk
        RENAME kiosk.ini)

# Debian wants a copyright file and a compressed changelog in /usr/share/doc/bua-kiosk.
set(BUA_DOC_OUT ${PROJECT_BINARY_DIR}/doc)
configure_file(${PROJECT_SOURCE_DIR}/scripts/debian/copyright ${BUA_DOC_OUT}/copyright COPYONLY)
string(TIMESTAMP BUA_CHANGELOG_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
configure_file(${PROJECT_SOURCE_DIR}/scripts/debian/changelog.in ${BUA_DOC_OUT}/changelog @ONLY)
find_program(BUA_GZIP gzip REQUIRED)
add_custom_command(OUTPUT ${BUA_DOC_OUT}/changelog.gz
                   COMMAND ${BUA_GZIP} -9nf -k ${BUA_DOC_OUT}/changelog
                   DEPENDS ${BUA_DOC_OUT}/changelog)

# Man pages: help2man from each program's --help and --version (the programs run at build
# time). On when help2man is there; scripts/package turns it on and then it is required.
find_program(BUA_HELP2MAN help2man)
if(BUA_HELP2MAN)
    set(BUA_MAN_DEFAULT ON)
else()
    set(BUA_MAN_DEFAULT OFF)
endif()
option(BUA_MAN_PAGES "Make and install man pages with help2man" ${BUA_MAN_DEFAULT})
set(BUA_DOC_FILES ${BUA_DOC_OUT}/changelog.gz)
if(BUA_MAN_PAGES)
    if(NOT BUA_HELP2MAN)
        message(FATAL_ERROR "BUA_MAN_PAGES needs help2man (scripts/deps)")
    endif()
    set(BUA_MAN_bua-kiosk "the touchscreen lending kiosk of a BUA centre")
    set(BUA_MAN_bua-admin "look after the database of a BUA lending centre")
    set(BUA_MAN_bua-scan "find and read the USB barcode scanners of a BUA kiosk")
    set(BUA_MAN_bua-sync "sync a BUA kiosk's database with its centre's PostgreSQL server")
    foreach(prog bua-kiosk bua-admin bua-scan bua-sync)
        add_custom_command(
            OUTPUT ${BUA_DOC_OUT}/${prog}.1.gz
            COMMAND ${BUA_HELP2MAN} --no-info --no-discard-stderr --section=1
                    --name=${BUA_MAN_${prog}} --output=${BUA_DOC_OUT}/${prog}.1
                    --include=${PROJECT_SOURCE_DIR}/scripts/debian/bua.h2m
                    $<TARGET_FILE:${prog}>
            COMMAND ${BUA_GZIP} -9nf ${BUA_DOC_OUT}/${prog}.1
            DEPENDS ${prog} ${PROJECT_SOURCE_DIR}/scripts/debian/bua.h2m
            COMMENT "man page of ${prog}")
        list(APPEND BUA_DOC_FILES ${BUA_DOC_OUT}/${prog}.1.gz)
        install(FILES ${BUA_DOC_OUT}/${prog}.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
    endforeach()
endif()
add_custom_target(bua_docs ALL DEPENDS ${BUA_DOC_FILES})
install(FILES ${BUA_DOC_OUT}/copyright ${BUA_DOC_OUT}/changelog.gz
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/bua-kiosk)

# ---- cpack -G DEB ---------------------------------------------------------------------------
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME bua-kiosk)
set(CPACK_PACKAGE_VENDOR "BUA")
set(CPACK_PACKAGE_CONTACT "BUA kiosk maintainers <kiosk@bua.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "touchscreen lending kiosk for BUA equipment centres")
set(CPACK_PACKAGE_DESCRIPTION
    "A self-service kiosk for free equipment-lending centres: borrowers\n"
    "scan their card and the items, staff take returns, count shelves and\n"
    "see the year's figures. It runs fullscreen in cage on tty1 as the user\n"
    "bua-kiosk, reads USB barcode scanners, and keeps its SQLite database\n"
    "in /var/lib/bua-kiosk with a nightly backup.")
string(REPLACE ";" "" CPACK_PACKAGE_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://bua.example/kiosk")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# with the libraries found by dpkg-shlibdeps
set(CPACK_DEBIAN_PACKAGE_DEPENDS "cage, fonts-dejavu-core, systemd, udev")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/scripts/debian/postinst ${PROJECT_SOURCE_DIR}/scripts/debian/prerm
    ${PROJECT_SOURCE_DIR}/scripts/debian/postrm ${PROJECT_SOURCE_DIR}/scripts/debian/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
