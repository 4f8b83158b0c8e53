## Times the reference Gene reader (gene-lang/gene, `src/gene/parser.nim`) on one file:
## `bench_ref FILE [N]` parses FILE N times (default 20) and prints the median time per parse
## and MB/s, in the same `key=value` form as `gene-parse stats --repeat N`.
##
## Built by `run.sh` against a checkout of the reference (`--path:$GENE_REF/src`). Written for
## reader versions with `new_parser`, `read` and `ParseEofError` (checked at commit 0da9d95c).
## It reads forms with `read` in a loop, the loop of the reader's own `read_stream`, instead of
## calling `read_all(code)`: at that commit `read_all` opens its lexer with the default 8 KiB
## buffer, and the whitespace skipper counts newlines itself without asking for a refill, so
## any input over 8 KiB fails with a false end of input at byte 8192. The lexer here gets a
## buffer that holds the whole input, as later reference versions do (1 MiB); opening it
## copies the input, and that copy is inside the timed region.
import std/[os, algorithm, strutils, monotimes, times, streams, lexbase]
import gene/types
import gene/parser

proc parse_all(code: string): seq[Value] =
  var p = new_parser()
  lexbase.open(p, new_string_stream(code), bufLen = code.len + 16)
  p.filename = "<input>"
  p.str = ""
  defer: p.close()
  while true:
    try:
      let v = p.read()
      if v != PARSER_IGNORE:
        result.add(v)
    except ParseEofError:
      break

proc main() =
  if paramCount() < 1:
    quit("usage: bench_ref FILE [N]", 2)
  let path = paramStr(1)
  let n = if paramCount() >= 2: parseInt(paramStr(2)) else: 20
  let code = readFile(path)
  var forms = 0
  try:
    forms = parse_all(code).len
  except CatchableError as e:
    echo path, ": the reference reader failed: ", e.name, ": ", e.msg
    quit(1)
  var samples: seq[float] = @[]
  for i in 0 ..< n:
    let started = getMonoTime()
    let values = parse_all(code)
    let seconds = (getMonoTime() - started).inNanoseconds.float / 1e9
    doAssert values.len == forms
    samples.add(seconds)
  samples.sort()
  let median = samples[samples.len div 2]
  echo path, ": bytes=", code.len, " forms=", forms, " runs=", n,
       " parse_time=", formatFloat(median * 1000, ffDecimal, 3), "ms",
       " throughput=", formatFloat(code.len.float / 1e6 / median, ffDecimal, 1), "MB/s"

main()
