-- Report text in the DOCX keeps to itself. pandoc runs with --sandbox, and this filter alone
-- puts images into the media bag, from an allow-list.
--
-- The document baocao.docx.compose writes (pandoc JSON) holds no report text: each piece of a
-- report is a placeholder div, and its text is read here (pandoc.read, one agency's pieces at a
-- time), so nothing in it can close the placeholder or reach the text around it. Report text
-- then gets no styles, divs, attributes or raw code of its own (their text stays, visible), no
-- heading above its place, links only to web pages, and images only from its own agency's
-- allow-list.
--
-- The configuration is a JSON file named by the metadata field `baocao-confine`:
--   chunk   a random class (no report can write it), for separators
--   places  the placeholders: [index of the block in the document, piece number (index into
--           `texts`, from 1), lowest heading level there]; a piece may have several places
--   texts   the report pieces: {agency = id, text = Markdown, markers = typed list markers,
--           absent when no line of the text could start a list}
--   reader  the pandoc input format of the report text (no attributes, divs or spans)
--   images  agency id -> {path as written, relative to submissions/, NFC and NFD -> file}
--   own     the document's own images (charts, in figures): path -> file to read
--   refused text of an image that is not allowed; "%s" is its path

local config
-- lists.lua: list items as paragraphs starting with the marker their author typed
local typed_lists = dofile(pandoc.path.join({pandoc.path.directory(PANDOC_SCRIPT_FILE), "lists.lua"}))
local MIME = {png = "image/png", jpg = "image/jpeg", jpeg = "image/jpeg", gif = "image/gif",
              webp = "image/webp"}
local MAX_LEVEL = 9  -- Word's Heading 1..9

local function read(path)
  local handle = io.open(path, "rb")
  if not handle then return nil end
  local data = handle:read("a")
  handle:close()
  return data
end

-- The path a local target names, resolved like baocao.targets.resolve (percent-decoded,
-- query and fragment dropped, "." and ".." applied); nil for a URL or a path leaving the root.
local function local_key(src)
  if src:match("^%a[%w+.-]*:") or src:match("^[/\\][/\\]") then return nil end
  local path = src:gsub("[?#].*$", "")
  path = path:gsub("%%(%x%x)", function(h) return string.char(tonumber(h, 16)) end)
  path = path:gsub("\\", "/")
  if path:sub(1, 1) == "/" then return nil end
  local parts = {}
  for part in path:gmatch("[^/]+") do
    if part == ".." then
      if #parts == 0 then return nil end
      table.remove(parts)
    elseif part ~= "." then
      parts[#parts + 1] = part
    end
  end
  return table.concat(parts, "/")
end

-- media bag key -> the file it was read from: a file shown many times is read once (each
-- read kept its bytes in memory: 2,000 `<img>` of a 1 MB picture took 2.2 GB)
local inserted = {}

local function admit(image, allowed)
  local key = local_key(image.src)
  local file = key and allowed and allowed[key]
  local suffix = key and key:match("%.([%w]+)$")
  local mime = suffix and MIME[suffix:lower()]
  local data = file and mime and (inserted[key] == file or read(file))
  if not data then
    local shown = image.src
    if pandoc.text.len(shown) > 200 then shown = pandoc.text.sub(shown, 1, 199) .. "…" end
    return pandoc.Emph({pandoc.Str(config.refused:format(shown))})
  end
  if inserted[key] ~= file then
    pandoc.mediabag.insert(key, mime, data)
    inserted[key] = file
  end
  image.src = key
  image.attr = pandoc.Attr()
  return image
end

-- Links of report text lead to web pages or anchors only (baocao.targets.WEB_SCHEMES).
local function web_link(target)
  if target:sub(1, 1) == "#" then return true end
  local scheme, rest = target:match("^(%a[%w+.-]*):(.*)$")
  scheme = scheme and scheme:lower()
  if scheme == "mailto" then return true end
  return (scheme == "http" or scheme == "https") and rest:match("^//[^/]") ~= nil
end

-- Raw HTML as the text it shows: comments, scripts and styles gone, <img> an image (through
-- the allow-list), other tags removed, the common entities decoded.
local ENTITIES = {amp = "&", lt = "<", gt = ">", quot = '"', apos = "'", nbsp = "\u{a0}"}

-- The value of attribute `name` (lower case) of a whole tag, read as HTML reads it: attribute
-- by attribute, each quoted value skipped whole (` src=` inside a title is no source), the
-- first of a name counting; nil when the tag has none.
local function attribute(tag, name)
  local at = tag:match("^</?[^%s/>]*()")
  while true do
    local key
    key, at = tag:match("^[%s/]*([^%s/>][^%s/>=]*)()", at)
    if not key then return nil end
    local value, after = tag:match("^%s*=%s*\"([^\"]*)\"()", at)
    if not value then value, after = tag:match("^%s*=%s*'([^']*)'()", at) end
    if not value then value, after = tag:match("^%s*=%s*([^%s>]*)()", at) end
    if value then at = after end
    if key:lower() == name then return value or "" end
  end
end

-- A character reference as its character; one beyond Unicode, a surrogate or NUL as U+FFFD,
-- as HTML reads it (utf8.char would fail on it, and with it the whole DOCX of the round).
local function character(number)
  if number and number >= 1 and number <= 0x10FFFF and not (number >= 0xD800 and number <= 0xDFFF) then
    return utf8.char(number)
  end
  return "\u{FFFD}"
end

-- The number a reference writes in `base`, nil when too long to be a character (tonumber
-- would wrap it around or make it a float).
local function number_of(digits, base)
  digits = digits:match("^0*(.*)$")
  return #digits <= 8 and tonumber(digits, base) or nil
end

local function decode(text)
  text = text:gsub("&#[xX](%x+);", function(h) return character(number_of(h, 16)) end)
  text = text:gsub("&#(%d+);", function(d) return character(number_of(d, 10)) end)
  return (text:gsub("&(%a+);", function(name) return ENTITIES[name] end))
end

-- `html` without what lies between each start and the end that follows it (`starts` finds a
-- start, returning where it begins and ends; `ends` finds its end); a start never ended hides
-- the rest, as in a browser (and on the site). Each search goes on from where the last one
-- stopped, so the time is linear: a pattern such as "<!%-%-.-%-%->" would read to the end of
-- the text again from every start that is never closed.
local function cut(html, starts, ends)
  local out, position = {}, 1
  while true do
    local first, after = starts(position)
    if not first then break end
    out[#out + 1] = html:sub(position, first - 1)
    local last = ends(after + 1)
    if not last then return table.concat(out) end
    position = last + 1
  end
  out[#out + 1] = html:sub(position)
  return table.concat(out)
end

-- Comments, then scripts, styles and the like, with what they hold (any case, as HTML).
local function without_hidden(html)
  html = cut(html, function(at) return html:find("<!--", at, true) end,
             function(at) return select(2, html:find("-->", at, true)) end)
  -- (the elements the site's sanitiser removes with their content, and <textarea>)
  for _, name in ipairs({"script", "style", "template", "noscript", "textarea", "iframe", "object"}) do
    local lower = html:lower()  -- same bytes, same offsets: ASCII letters only change
    html = cut(html, function(at)
      while true do
        local first, last = lower:find("<" .. name, at, true)
        if not first then return nil end
        if lower:find("^[%s>]", last + 1) then return first, last + 1 end
        at = first + 1
      end
    end, function(at)
      while true do
        local close, name_end = lower:find("</" .. name, at, true)
        if not close then return nil end
        local _, last = lower:find("^%s*>", name_end + 1)
        if last then return last end
        at = close + 1
      end
    end)
  end
  return html
end

-- Where the tag starting at `first` ends: its first ">" outside a quoted attribute value
-- (title="a>b" does not end it); nil when it does not end.
local function tag_end(html, first)
  local at = first + 1
  while true do
    local stop = html:find("[>=]", at)
    if not stop or html:sub(stop, stop) == ">" then return stop end
    local _, open = html:find("^%s*[\"']", stop + 1)
    at = stop + 1
    if open then
      local close = html:find(html:sub(open, open), open + 1, true)
      if not close then return nil end
      at = close + 1
    end
  end
end

local function html_inlines(html, allowed)
  html = without_hidden(html)
  local out = pandoc.Inlines({})
  local position = 1
  while true do
    -- a tag: "<" and a letter, "/", "!" or "?", up to its end (none: the rest is hidden, as in a
    -- browser; a "<" without a letter after it is text)
    local first = html:find("<[!/%a?]", position)
    local last = first and tag_end(html, first)
    local text = html:sub(position, (first or 0) - 1)
    if text:match("%S") then
      if #out > 0 then out:insert(pandoc.Space()) end
      out:insert(pandoc.Str(decode(text:gsub("%s+", " "):match("^%s*(.-)%s*$"))))
    end
    if not last then break end
    local tag = html:sub(first, last)
    if tag:match("^<[iI][mM][gG][%s/>]") then
      local src = attribute(tag, "src") or ""
      local alt = decode(attribute(tag, "alt") or "")
      if #out > 0 then out:insert(pandoc.Space()) end
      out:insert(admit(pandoc.Image({pandoc.Str(alt)}, decode(src)), allowed))
    end
    position = last + 1
  end
  return out
end

-- Inline HTML that formats text, shown by the site (baocao.site.sanitize.TAGS): a pair of
-- these tags in one list of inlines becomes that formatting, <br> a line break. Unpaired or
-- crossed tags are left to RawInline (removed, their text kept).
local FORMATS = {
  sup = pandoc.Superscript, sub = pandoc.Subscript, u = pandoc.Underline, ins = pandoc.Underline,
  s = pandoc.Strikeout, del = pandoc.Strikeout, strike = pandoc.Strikeout,
  b = pandoc.Strong, strong = pandoc.Strong, i = pandoc.Emph, em = pandoc.Emph,
}
local MAX_NESTING = 32

-- The tag name (lower case) of an inline HTML tag of FORMATS or <br>, and whether it closes.
local function format_tag(inline)
  if inline.t ~= "RawInline" or not inline.format:match("^html") then return nil end
  local closing, name, rest = inline.text:match("^<(/?)(%a+)(.-)>$")
  if not name or not (rest == "" or rest:match("^[%s/]")) then return nil end
  name = name:lower()
  if name == "br" then return closing == "" and name or nil end
  if not FORMATS[name] or (closing == "/" and rest:match("%S")) then return nil end
  return name, closing == "/"
end

local function formatted(inlines)
  local tags, pairs, open, any = {}, {}, {}, false
  for i, inline in ipairs(inlines) do  -- one pass: each closing tag ends the last one opened
    local name, closing = format_tag(inline)
    tags[i] = name
    if name and name ~= "br" then
      open[name] = open[name] or {}
      if not closing then
        table.insert(open[name], i)
      elseif #open[name] > 0 then
        pairs[table.remove(open[name])] = i
        any = true
      end
    elseif name then
      any = true
    end
  end
  if not any then return nil end
  local function build(from, to, depth)  -- inlines from..to-1; a pair counts when inside
    local out, i = pandoc.Inlines({}), from
    while i < to do
      local close = pairs[i]
      if tags[i] == "br" then  -- "a <br> b" (a Word cell's paragraphs): no space around it
        if #out > 0 and out[#out].t == "Space" then out:remove(#out) end
        out:insert(pandoc.LineBreak())
        i = i + 1
        if i < to and (inlines[i].t == "Space" or inlines[i].t == "SoftBreak") then i = i + 1 end
      elseif close and close < to and depth < MAX_NESTING then
        out:insert(FORMATS[tags[i]](build(i + 1, close, depth + 1)))
        i = close + 1
      else
        out:insert(inlines[i])
        i = i + 1
      end
    end
    return out
  end
  return build(1, #inlines + 1, 0)
end

-- Elements the site's sanitiser removes with what they hold (baocao.site.sanitize
-- CLEAN_CONTENT, and <svg> and <math>, which nh3 drops whole; <embed> holds nothing). Each
-- hides on the site all that follows in its top-level block up to its end tag, whatever it is
-- (text, a whole table cell, a list item written as an HTML block); the site reads each
-- top-level block on its own. NESTED ones hold tags, their own too (`<object><object>`): their
-- end is the end tag of the same depth; the others hold text up to their first end tag.
local HIDING = {script = true, style = true, iframe = true, noscript = true, object = true,
  template = true, svg = true, math = true}
local NESTED = {object = true, template = true, svg = true, math = true}

-- Where the comment or tag starting at `first` ends (nil: never, in this chunk of HTML).
local function markup_end(html, first)
  if html:sub(first, first + 3) == "<!--" then
    return select(2, html:find("-->", first + 2, true))
  end
  return tag_end(html, first)
end

-- The part of a chunk of raw HTML (one RawInline or RawBlock) that is not hidden, `state`
-- carried from the chunks before it in the block: `name` and `depth` of the element hiding
-- what follows, or `rest` once a tag or comment never ends (the rest of the block is inside
-- it). Tags themselves are kept (html_inlines removes them), but not a hiding one.
local function visible_html(html, state)
  local lower = html:lower()
  local out, at = {}, 1
  while not state.rest do
    local first
    if state.name and not NESTED[state.name] then  -- text up to its end tag
      first = at
      repeat
        first = lower:find("</" .. state.name, first, true)
        if not first then return table.concat(out) end
        local follows = lower:find("^[%s/>]", first + 2 + #state.name)
        first = follows and first or first + 1
      until follows
    else
      first = html:find("<[!/%a?]", at)
    end
    local last = first and markup_end(html, first)
    if not state.name then out[#out + 1] = html:sub(at, last or (first or 0) - 1) end
    if not first then break end
    if not last then
      state.rest = true
      break
    end
    local closing, name = lower:match("^<(/?)(%a+)[%s/>]", first)
    if state.name then
      if name == state.name then
        state.depth = state.depth + (closing == "/" and -1 or 1)
        if state.depth == 0 then state.name = nil end
      end
    elseif name and closing == "" and HIDING[name] then
      out[#out] = html:sub(at, first - 1)  -- its text before the element, not its tag
      state.name, state.depth = name, 1
    end
    at = last + 1
  end
  return table.concat(out)
end

-- Leaves of the document tree: text and the like, dropped while hidden (containers are
-- walked into, as their raw HTML may end what hides).
local LEAVES = {Str = true, Space = true, SoftBreak = true, LineBreak = true, Code = true,
  Math = true, RawInline = true, Image = true, Note = true, CodeBlock = true, RawBlock = true,
  HorizontalRule = true}

-- A top-level block without what the site hides in it, in document order: raw HTML after
-- a hiding element's start tag up to its end tag, or after a tag or comment never ended.
-- The site shows a piece's footnotes after its text, all in one block: their state, `notes`,
-- goes from one note to the next.
local function without_hiding(block, notes, state)
  state = state or {}
  local function element(e)
    if e.t == "Note" and not (state.name or state.rest) then
      local content = pandoc.Blocks({})
      for _, inner in ipairs(e.content) do
        local kept = without_hiding(inner, notes, notes)
        if kept then content:insert(kept) end
      end
      e.content = content
      return e, false
    end
    if e.format and e.format:match("^html") then
      local visible = visible_html(e.text, state)
      if visible == e.text then return nil end
      if not visible:match("%S") then return {} end
      e.text = visible
      return e
    end
    if (state.name or state.rest) and LEAVES[e.t] then return {} end
  end
  if block.t == "RawBlock" then  -- (walk skips the block itself)
    local kept = element(block)
    if kept == nil then return block end
    return kept.t and kept or nil  -- nil: all of it hidden
  end
  return block:walk({traverse = "topdown", Inline = element, Block = element})
end

-- (Blocks are walked only where the text has raw HTML other than comments on lines of their
-- own, which are top-level raw blocks: a walk over every word is slow.)
local function with_html_formatting(blocks, text)
  local inside = text:find("<[%a/?]") or text:find("[^\n]<!")
  if not inside and not text:find("<!", 1, true) then return blocks end
  local shown, notes = pandoc.Blocks({}), {}
  local separator = config.chunk .. "-next"
  for _, block in ipairs(blocks) do
    if block.t == "CodeBlock" and block.classes[1] == separator then notes = {} end
    local kept = block
    if inside or block.t == "RawBlock" then kept = without_hiding(block, notes) end
    if kept then shown:insert(kept) end
  end
  if not text:find("<%/?%a") then return shown end
  return shown:walk({Inlines = formatted})
end

-- The filters for one piece of report text. The inline one runs only where the text has "["
-- or "<": a link, image, span or raw HTML starts so, and a walk over every word is the slow
-- part of reading a report.
local function inline_filter(allowed)
  return {
    Span = function(span) return span.content end,
    Image = function(image) return admit(image, allowed) end,
    Link = function(link)
      if not web_link(link.target) then return link.content end
      link.attr = pandoc.Attr()
      return link
    end,
    RawInline = function(raw)
      if raw.format:match("^html") then return html_inlines(raw.text, allowed) end
      return pandoc.Code(raw.text)
    end,
  }
end

-- `top` gets the piece's highest heading level; `placed` sets the headings under their place.
local function block_filter(allowed, top)
  return {
    Div = function(div) return div.content end,
    Header = function(header)
      header.attr = pandoc.Attr()
      if not top.level or header.level < top.level then top.level = header.level end
      return header
    end,
    RawBlock = function(raw)
      if raw.format:match("^html") then
        local inlines = html_inlines(raw.text, allowed)
        return #inlines > 0 and pandoc.Para(inlines) or {}
      end
      return pandoc.CodeBlock(raw.text)
    end,
  }
end

-- A piece's confined blocks, typed list markers put in when its text may hold a list.
local function confine(piece, blocks)
  local allowed = config.images[piece.agency]
  if piece.text:find("[%[<]") then blocks = blocks:walk(inline_filter(allowed)) end
  local top = {}
  blocks = blocks:walk(block_filter(allowed, top))
  if piece.markers then blocks = typed_lists(blocks, piece.markers) end
  return {blocks = blocks, top = top.level}
end

-- The block ending each piece where one agency's pieces are read together: a fenced code
-- block of this build's random class.
local function separator_mark()
  return pandoc.CodeBlock("", pandoc.Attr("", {config.chunk .. "-next"}))
end

-- The confined blocks of each of one agency's pieces, from one pandoc.read of them all, joined
-- by fenced code blocks no report can write (this build's random class); nil when a piece
-- swallowed or moved a separator (an unclosed fence or HTML block): its pieces are then read
-- one by one. Blocks are compared, never taken apart: a block whose parts were read in Lua must
-- be rebuilt from them, which is slow.
local function read_together(pieces)
  local separator = config.chunk .. "-next"
  local mark = separator_mark()
  local texts = {}
  for i, piece in ipairs(pieces) do texts[i] = piece.text end
  local joined = table.concat(texts, "\n\n```" .. separator .. "\n```\n\n")
  local blocks = with_html_formatting(pandoc.read(joined, config.reader).blocks, joined)
  local parts, current = {}, pandoc.Blocks({})
  for _, block in ipairs(blocks) do
    if block.t == "CodeBlock" and block == mark then
      parts[#parts + 1] = current
      current = pandoc.Blocks({})
    else
      current:insert(block)
    end
  end
  parts[#parts + 1] = current
  if #parts ~= #pieces then return nil end
  for i, piece in ipairs(pieces) do parts[i] = confine(piece, parts[i]) end
  return parts
end

local function read_alone(piece)
  local blocks = pandoc.read(piece.text, config.reader).blocks
  return confine(piece, with_html_formatting(blocks, piece.text))
end

-- A piece's blocks at a place whose lowest heading level is `level`.
local function placed(piece, level)
  if not piece.top then return piece.blocks end
  return pandoc.Blocks(piece.blocks):walk({Header = function(header)
    header.level = math.min(level + header.level - piece.top, MAX_LEVEL)
    return header
  end})
end

-- piece index -> {blocks = its confined blocks, top = its highest heading level or nil}; one
-- read per agency (never across agencies: a reference definition of one report must not
-- resolve a link in another's text).
local function read_pieces(texts)
  local by_agency, order = {}, {}
  for n, piece in ipairs(texts) do
    if not by_agency[piece.agency] then
      by_agency[piece.agency] = {}
      order[#order + 1] = piece.agency
    end
    table.insert(by_agency[piece.agency], n)
  end
  local out = {}
  for _, agency in ipairs(order) do
    local numbers = by_agency[agency]
    local pieces = {}
    for i, n in ipairs(numbers) do pieces[i] = texts[n] end
    local parts = read_together(pieces)
    for i, n in ipairs(numbers) do
      out[n] = parts and parts[i] or read_alone(texts[n])
    end
  end
  return out
end

function Pandoc(doc)
  local source = pandoc.utils.stringify(doc.meta["baocao-confine"] or "")
  config = pandoc.json.decode(read(source) or error("baocao-confine: no allow-list"), false)
  doc.meta["baocao-confine"] = nil
  local pieces = read_pieces(config.texts)
  local places = {}  -- top-level block index -> {piece number, level}
  for _, place in ipairs(config.places) do places[place[1]] = place end
  local outside = {Image = function(image) return admit(image, config.own) end}
  local blocks = pandoc.Blocks({})
  for index, block in ipairs(doc.blocks) do
    local place = places[index]
    if place then
      blocks:extend(placed(pieces[place[2]], place[3]))
    elseif block.t == "Figure" then  -- the document's own images (charts)
      blocks:insert(pandoc.walk_block(block, outside))
    else
      blocks:insert(block)
    end
  end
  doc.blocks = blocks
  return doc
end
