# Writes a C++ file defining `const std::vector<EmbeddedFile>& FUNCTION()` in namespace NAMESPACE
# (declared in HEADER), holding every JSON file under ROOT as (relative name, content) pairs:
# data the binary needs on any machine and from any directory (the demo snapshot, the bundled
# AWS managed policies).
file(GLOB_RECURSE files RELATIVE ${ROOT} ${ROOT}/*.json)
list(SORT files)
set(body "#include \"${HEADER}\"\n\nnamespace ${NAMESPACE} {\n\nconst std::vector<EmbeddedFile>& ${FUNCTION}() {\n  static const std::vector<EmbeddedFile> kFiles = {\n")
foreach(f ${files})
  file(READ ${ROOT}/${f} content HEX)
  string(LENGTH "${content}" hexlen)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "\\\\x\\1" escaped "${content}")
  string(APPEND body "      {\"${f}\", std::string(\"${escaped}\", ${hexlen} / 2)},\n")
endforeach()
string(APPEND body "  };\n  return kFiles;\n}\n\n}  // namespace ${NAMESPACE}\n")
file(WRITE ${OUT} "${body}")
