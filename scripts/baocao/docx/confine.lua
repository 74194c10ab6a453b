-- Report text in the DOCX keeps to itself: pandoc runs with --sandbox, and this filter alone
-- puts images into the media bag, from an allow-list; report text gets no styles, divs,
-- attributes or raw code of its own, and no heading above its place.
--
-- The allow-list is a JSON file named by the metadata field `baocao-confine`:
--   chunk   class of the divs baocao.docx.compose wraps report text in (random per build);
--           each has the attributes agency=<id> and level=<lowest heading level allowed>
--   images  agency id -> {path as written, relative to submissions/ -> file to read}
--   own     the document's own images (chart placeholders): path -> file to read
--   refused text of an image that is not allowed; "%s" is its path

local config
local MIME = {png = "image/png", jpg = "image/jpeg", jpeg = "image/jpeg", gif = "image/gif",
              webp = "image/webp"}

local function read(path)
  local handle = io.open(path, "rb")
  if not handle then return nil end
  local data = handle:read("a")
  handle:close()
  return data
end

local function key_of(src)
  local path = src:gsub("%%(%x%x)", function(h) return string.char(tonumber(h, 16)) end)
  return (path:gsub("^%./", ""))
end

local function admit(image, allowed)
  local key = key_of(image.src)
  local file = allowed and allowed[key]
  local suffix = key:match("%.([%w]+)$")
  local mime = suffix and MIME[suffix:lower()]
  local data = file and mime and read(file)
  if not data then
    return pandoc.Emph({pandoc.Str(config.refused:format(image.src))})
  end
  pandoc.mediabag.insert(key, mime, data)
  image.src = key
  image.attr = pandoc.Attr()
  return image
end

local function deep_heading(div)
  local style = div.attr.attributes["custom-style"]
  return #div.attr.classes == 0 and style ~= nil and style:match("^Heading [789]$") ~= nil
end

local function confined(agency, level)
  local allowed = config.images[agency]
  local plain = function(element) element.attr = pandoc.Attr(); return element end
  return {
    Div = function(div) if deep_heading(div) then return div end return div.content end,
    Span = function(span) return span.content end,
    Header = function(header)
      header.attr = pandoc.Attr()
      if header.level < level then header.level = level end
      return header
    end,
    Image = function(image) return admit(image, allowed) end,
    Link = plain, Code = plain, CodeBlock = plain, Table = plain, Figure = plain,
    RawInline = function() return {} end,
    RawBlock = function() return {} end,
  }
end

function Pandoc(doc)
  local source = pandoc.utils.stringify(doc.meta["baocao-confine"] or "")
  config = pandoc.json.decode(read(source) or error("baocao-confine: no allow-list"))
  doc.meta["baocao-confine"] = nil
  local outside = {Image = function(image) return admit(image, config.own) end}
  local blocks = pandoc.List()
  for _, block in ipairs(doc.blocks) do
    if block.t == "Div" and block.attr.classes:includes(config.chunk) then
      local attributes = block.attr.attributes
      local inner = pandoc.Div(block.content):walk(
        confined(attributes.agency, tonumber(attributes.level) or 1))
      blocks:extend(inner.content)
    else
      blocks:insert(pandoc.walk_block(block, outside))
    end
  end
  doc.blocks = blocks
  return doc
end
