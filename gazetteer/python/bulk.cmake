# gazetteer-bulk, the Dask face (gazetteer_bulk/ beside the module): the package is copied next
# to _gazetteer_engine in build/python, and build/bin/gazetteer-bulk runs it with the Python the
# module was built for. Dask worker processes find both through the launcher's PYTHONPATH.
file(GLOB gazetteer_bulk_sources CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/gazetteer_bulk/*.py")
set(gazetteer_bulk_out "${CMAKE_BINARY_DIR}/python/gazetteer_bulk")
set(gazetteer_bulk_copies)
foreach(src IN LISTS gazetteer_bulk_sources)
  get_filename_component(name "${src}" NAME)
  add_custom_command(OUTPUT "${gazetteer_bulk_out}/${name}"
                     COMMAND "${CMAKE_COMMAND}" -E copy "${src}" "${gazetteer_bulk_out}/${name}"
                     DEPENDS "${src}" VERBATIM)
  list(APPEND gazetteer_bulk_copies "${gazetteer_bulk_out}/${name}")
endforeach()
set(GAZETTEER_BULK_PYTHON_DIR "${CMAKE_BINARY_DIR}/python")
configure_file("${CMAKE_CURRENT_SOURCE_DIR}/gazetteer-bulk.in" "${CMAKE_BINARY_DIR}/bin/gazetteer-bulk" @ONLY
               FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
add_custom_target(gazetteer_bulk ALL DEPENDS ${gazetteer_bulk_copies} gazetteer_python)
