# cmake -DPOT=po/libssat.pot -DCY=po/cy.po -DMODE=lib|tool -DOUTPUT=<dir> -P GenerateMessages.cmake
#
# Builds the message tables from the gettext catalogues, so that translators work in po/ with their
# own tools (Poedit, Weblate ...) and the library never reads the process locale or a .mo file:
#   MODE=lib   <dir>/messages_tables.c  ssat__messages_en[], ssat__messages_cy[] and
#                                       ssat__messages_cy_en[] ("Cymraeg / English", for the labels of
#                                       bilingual documents) for every id except tool.*, in the
#                                       template's order
#              <dir>/messages_index.h   their positions in strcmp order of the ids, for lib/core/messages.c's
#                                       binary search
#   MODE=tool  <dir>/tool_messages.c    the ssat tool's own words (ids tool.<key>)
# Each entry's msgctxt is its id, the template's msgid the English and cy.po's msgstr the Welsh. An
# entry that cy.po leaves untranslated or fuzzy falls back to the English with a warning here; the
# catalogue test (tests/check_catalogues.py) fails on it. PO strings use C's escapes, so they are
# copied into C string literals as they are. Only CMake is needed: no gettext at build time.

# CMake lists split on ';' and treat '[' ']' specially: hide them while the file is split into lines.
function(ssat_po_lines path out)
  file(READ "${path}" text)
  string(REPLACE ";" "@SSAT_SEMI@" text "${text}")
  string(REPLACE "[" "@SSAT_LB@" text "${text}")
  string(REPLACE "]" "@SSAT_RB@" text "${text}")
  string(REPLACE "\r" "" text "${text}")
  string(REPLACE "\n" ";" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

function(ssat_po_unhide var)
  set(t "${${var}}")
  string(REPLACE "@SSAT_SEMI@" ";" t "${t}")
  string(REPLACE "@SSAT_LB@" "[" t "${t}")
  string(REPLACE "@SSAT_RB@" "]" t "${t}")
  set(${var} "${t}" PARENT_SCOPE)
endfunction()

# Parse a catalogue: sets <prefix>_IDS (ids in file order), <prefix>_ID_<id> (msgid) and
# <prefix>_STR_<id> (msgstr, empty when fuzzy) in the caller's scope.
macro(ssat_po_parse path prefix)
  ssat_po_lines("${path}" _lines)
  set(${prefix}_IDS "")
  set(_ctxt "")
  set(_field "")
  set(_fuzzy FALSE)
  set(_id_text "")
  set(_str_text "")
  list(APPEND _lines "") # a final blank line ends the last entry
  foreach(_line IN LISTS _lines)
    set(_ended FALSE)
    if(_line MATCHES "^msgctxt \"(.*)\"$")
      set(_ended TRUE)
    elseif(_line STREQUAL "" OR _line MATCHES "^#")
      set(_ended TRUE)
    endif()
    if(_ended AND _field STREQUAL "msgstr")
      if(NOT _ctxt STREQUAL "")
        list(APPEND ${prefix}_IDS "${_ctxt}")
        set(${prefix}_ID_${_ctxt} "${_id_text}")
        if(_fuzzy)
          set(${prefix}_STR_${_ctxt} "")
        else()
          set(${prefix}_STR_${_ctxt} "${_str_text}")
        endif()
      endif()
      set(_ctxt "")
      set(_field "")
      set(_fuzzy FALSE)
    endif()
    if(_line MATCHES "^#,.*fuzzy")
      set(_fuzzy TRUE)
    elseif(_line MATCHES "^msgctxt \"(.*)\"$")
      set(_ctxt "${CMAKE_MATCH_1}")
      set(_field "msgctxt")
    elseif(_line MATCHES "^msgid \"(.*)\"$")
      set(_id_text "${CMAKE_MATCH_1}")
      set(_field "msgid")
    elseif(_line MATCHES "^msgstr \"(.*)\"$")
      set(_str_text "${CMAKE_MATCH_1}")
      set(_field "msgstr")
    elseif(_line MATCHES "^\"(.*)\"$")
      if(_field STREQUAL "msgctxt")
        string(APPEND _ctxt "${CMAKE_MATCH_1}")
      elseif(_field STREQUAL "msgid")
        string(APPEND _id_text "${CMAKE_MATCH_1}")
      elseif(_field STREQUAL "msgstr")
        string(APPEND _str_text "${CMAKE_MATCH_1}")
      endif()
    endif()
  endforeach()
endmacro()

ssat_po_parse("${POT}" EN)
ssat_po_parse("${CY}" CY)

# "Welsh / English" for a bilingual document (just one of them when they are the same).
function(ssat_join cy en out)
  if(cy STREQUAL en)
    set(${out} "${cy}" PARENT_SCOPE)
  else()
    set(${out} "${cy} / ${en}" PARENT_SCOPE)
  endif()
endfunction()

# The Welsh of an id, or its English (with a warning) when cy.po does not translate it.
function(ssat_welsh id out)
  set(t "${CY_STR_${id}}")
  if(t STREQUAL "")
    message(WARNING "po/cy.po: no Welsh for \"${id}\": the English is used")
    set(t "${EN_ID_${id}}")
  endif()
  set(${out} "${t}" PARENT_SCOPE)
endfunction()

set(header "/* Generated from po/libssat.pot and po/cy.po by cmake/GenerateMessages.cmake: do not edit. */\n")

function(ssat_write path content)
  ssat_po_unhide(content)
  file(WRITE "${path}.tmp" "${content}")
  # Only touch the output when it changes, so an unrelated edit rebuilds nothing more.
  file(COPY_FILE "${path}.tmp" "${path}" ONLY_IF_DIFFERENT)
  file(REMOVE "${path}.tmp")
endfunction()

file(MAKE_DIRECTORY "${OUTPUT}")
if(MODE STREQUAL "lib")
  set(en "")
  set(cy "")
  set(both "")
  set(keys "")
  set(position 0)
  foreach(id IN LISTS EN_IDS)
    if(id MATCHES "^tool\\.")
      continue()
    endif()
    if(NOT id MATCHES "^[a-z0-9_.]+$")
      message(FATAL_ERROR "po/libssat.pot: the id \"${id}\" is not made of a-z, 0-9, '_' and '.'")
    endif()
    ssat_welsh("${id}" welsh)
    string(APPEND en "    {\"${id}\", \"${EN_ID_${id}}\"},\n")
    string(APPEND cy "    {\"${id}\", \"${welsh}\"},\n")
    ssat_join("${welsh}" "${EN_ID_${id}}" joined)
    string(APPEND both "    {\"${id}\", \"${joined}\"},\n")
    # A space sorts before every character an id may hold, so "a.b" comes before "a.b_c" as in strcmp.
    list(APPEND keys "${id} ${position}")
    math(EXPR position "${position} + 1")
  endforeach()
  list(SORT keys COMPARE STRING)
  set(body "")
  foreach(key IN LISTS keys)
    string(REGEX REPLACE "^.* " "" index "${key}")
    string(APPEND body "    ${index},\n")
  endforeach()
  string(CONCAT tables "${header}#include \"core_layer.h\"\n\n"
    "const ssat__message ssat__messages_en[] = {\n${en}};\n"
    "const size_t ssat__messages_en_count = sizeof ssat__messages_en / sizeof ssat__messages_en[0];\n\n"
    "const ssat__message ssat__messages_cy[] = {\n${cy}};\n"
    "const size_t ssat__messages_cy_count = sizeof ssat__messages_cy / sizeof ssat__messages_cy[0];\n\n"
    "const ssat__message ssat__messages_cy_en[] = {\n${both}};\n")
  ssat_write("${OUTPUT}/messages_tables.c" "${tables}")
  string(CONCAT index "${header}#define SSAT__MESSAGES_INDEXED ${position}\n"
    "static const unsigned short ssat__message_order[SSAT__MESSAGES_INDEXED] = {\n${body}};\n")
  ssat_write("${OUTPUT}/messages_index.h" "${index}")
elseif(MODE STREQUAL "tool")
  set(rows "")
  foreach(id IN LISTS EN_IDS)
    if(id MATCHES "^tool\\.(.*)$")
      set(key "${CMAKE_MATCH_1}")
      ssat_welsh("${id}" welsh)
      ssat_join("${welsh}" "${EN_ID_${id}}" joined)
      string(APPEND rows "    {\"${key}\", \"${EN_ID_${id}}\", \"${welsh}\", \"${joined}\"},\n")
    endif()
  endforeach()
  string(CONCAT tool "${header}#include \"tool.h\"\n\n"
    "const tool_label tool_labels[] = {\n${rows}};\n"
    "const size_t tool_labels_count = sizeof tool_labels / sizeof tool_labels[0];\n")
  ssat_write("${OUTPUT}/tool_messages.c" "${tool}")
else()
  message(FATAL_ERROR "GenerateMessages.cmake: MODE must be lib or tool")
endif()
