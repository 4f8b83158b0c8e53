## The reference Gene reader (gene-lang/gene, `src/gene/parser.nim`) behind the external-parser
## protocol, version 1 (`benchmarks/external/PROTOCOL.md`):
##
##   gene_protocol FILE               prints `ok N`, N the top-level forms read (exit 0),
##                                    or the reader's error on stderr (exit 1)
##   gene_protocol --repeat N FILE    prints `gene-protocol 1`, `forms F`, then N lines
##                                    `parse_ns T`: the time of each parse of the text in memory
##
## The reader has no canonical dump, so it answers with the form count. Forms are read with
## `read` in a loop until `ParseEofError`, the loop of the reader's own `read_stream`:
## `read_all` calls `read` once before looking at the input, so it fails on an empty file.
## The parser opens its lexer over a string stream, as `Parser.open(code)` does; that copy of
## the text into the lexer's buffer is inside the timed region, as in every call of the
## reader's public API. Checked against commit f3a441c4 (see README.md).
import std/[os, strutils, monotimes, times, streams]
import gene/types
import gene/parser

proc parse_all(code: string): int =
  var p = new_parser()
  p.open(new_string_stream(code), "<input>")
  defer: p.close()
  while true:
    try:
      let v = p.read()
      if v != PARSER_IGNORE:
        inc result
    except ParseEofError:
      break

proc usage() =
  stderr.writeLine("usage: gene_protocol [--repeat N] FILE")
  quit(2)

proc main() =
  var repeat = 0
  var path = ""
  var i = 1
  while i <= paramCount():
    let arg = paramStr(i)
    if arg == "--repeat" and i < paramCount():
      try:
        repeat = parseInt(paramStr(i + 1))
      except ValueError:
        usage()
      if repeat < 1 or repeat > 1_000_000: usage()
      inc i, 2
    elif path == "" and not arg.startsWith("--"):
      path = arg
      inc i
    else:
      usage()
  if path == "": usage()
  var code: string
  try:
    code = readFile(path)
  except IOError as e:
    stderr.writeLine("gene_protocol: ", path, ": ", e.msg)
    quit(2)
  var forms = 0
  try:
    forms = parse_all(code)
  except CatchableError as e:
    stderr.writeLine(path, ": ", e.name, ": ", e.msg.replace("\n", " "))
    quit(1)
  if repeat == 0:
    stdout.writeLine("ok ", forms)
    return
  var lines = newSeqOfCap[string](repeat + 2)
  lines.add("gene-protocol 1")
  lines.add("forms " & $forms)
  for _ in 0 ..< repeat:
    let started = getMonoTime()
    let n = parse_all(code)
    let ns = (getMonoTime() - started).inNanoseconds
    doAssert n == forms
    lines.add("parse_ns " & $ns)
  stdout.write(lines.join("\n") & "\n")

main()
