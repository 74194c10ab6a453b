-- Report lists in the DOCX: each item is a paragraph that starts with the marker its author
-- typed ("3.", "7)", "-", "+"), styled "List Item <depth>", never a Word numbered list, which
-- would renumber "1. 3." as 1 2 and draw its own bullets (see baocao/lists.py).
--
-- confine.lua calls the returned function on the blocks of one report piece with the piece's
-- `markers`: the typed markers of its list items in document order, as markdown-it reads them. When pandoc finds another number of items (it should not), each item shows
-- the marker pandoc's own list gives it instead.

local function count_items(blocks)
  local n = 0
  for _, block in ipairs(blocks) do
    if block.t == "BulletList" or block.t == "OrderedList" then
      for _, item in ipairs(block.content) do
        n = n + 1 + count_items(item)
      end
    elseif block.t == "BlockQuote" or block.t == "Div" then
      n = n + count_items(block.content)
    end
  end
  return n
end

local function own_marker(list, index)
  if list.t == "BulletList" then return "-" end
  local delimiter = list.listAttributes.delimiter == "OneParen" and ")" or "."
  return tostring(list.listAttributes.start + index - 1) .. delimiter
end

local function styled(block, depth)
  local level = math.min(depth, 4)
  return pandoc.Div({block}, pandoc.Attr("", {}, {["custom-style"] = "List Item " .. level}))
end

return function(blocks, typed)
  local queue = {}
  for _, marker in ipairs(typed or {}) do queue[#queue + 1] = tostring(marker) end
  local trusted = #queue == count_items(blocks)
  local used = 0

  local convert
  convert = function(list_of_blocks, depth)
    local out = pandoc.List()
    for _, block in ipairs(list_of_blocks) do
      if block.t == "BulletList" or block.t == "OrderedList" then
        for index, item in ipairs(block.content) do
          used = used + 1
          local marker = trusted and queue[used] or own_marker(block, index)
          local inner = convert(item, depth + 1)
          local first = inner[1]
          if first and (first.t == "Para" or first.t == "Plain") then
            first.content:insert(1, pandoc.Space())
            first.content:insert(1, pandoc.Str(marker))
          else
            inner:insert(1, pandoc.Para({pandoc.Str(marker)}))
          end
          for _, part in ipairs(inner) do
            if part.t == "Para" or part.t == "Plain" then
              out:insert(styled(pandoc.Para(part.content), depth + 1))
            else
              out:insert(part)
            end
          end
        end
      elseif block.t == "BlockQuote" or block.t == "Div" then
        block.content = convert(block.content, depth)
        out:insert(block)
      else
        out:insert(block)
      end
    end
    return out
  end

  return convert(blocks, 0)
end
