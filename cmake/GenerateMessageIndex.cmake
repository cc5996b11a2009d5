# cmake -DINPUT=lib/messages_en.c -DOUTPUT=<dir>/messages_index.h -P GenerateMessageIndex.cmake
#
# Writes the positions of the message table's entries in the byte order of their ids (strcmp order),
# so lib/messages.c finds a template by binary search instead of a scan of several hundred entries,
# while the tables themselves stay grouped by topic for reviewers. Every table entry starts a line as
#     {"id", ...
# (tests/test_messages.c checks that the index covers the whole table).
file(STRINGS "${INPUT}" lines REGEX "^    {\"[a-z0-9_.]+\",")
set(keys "")
set(position 0)
foreach(line IN LISTS lines)
  string(REGEX MATCH "^    {\"([a-z0-9_.]+)\"," _ "${line}")
  # A space sorts before every character an id may hold, so "a.b" comes before "a.b_c" as in strcmp.
  list(APPEND keys "${CMAKE_MATCH_1} ${position}")
  math(EXPR position "${position} + 1")
endforeach()
list(SORT keys COMPARE STRING)
set(body "")
foreach(key IN LISTS keys)
  string(REGEX REPLACE "^.* " "" index "${key}")
  string(APPEND body "    ${index},\n")
endforeach()
file(WRITE "${OUTPUT}.tmp"
"/* Generated from lib/messages_en.c by cmake/GenerateMessageIndex.cmake: do not edit. */\n"
"#define SSAT__MESSAGES_INDEXED ${position}\n"
"static const unsigned short ssat__message_order[SSAT__MESSAGES_INDEXED] = {\n${body}};\n")
# Only touch the header when it changes, so an unrelated edit of the table text rebuilds nothing more.
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
