-- Asks valid /status questions, each spelt anew: any of the entry's names (code, id or alias),
-- each letter in a random case, and spaces before and after (trimmed by the service) up to
-- EXOREG_MAX_PADDING characters in all. Reads the questions from the file EXOREG_QUESTIONS
-- (bench/spellings.py prints it).
local questions = {}
local function split(text, separator)
  local parts = {}
  for part in string.gmatch(text, "([^" .. separator .. "]+)") do
    parts[#parts + 1] = part
  end
  return parts
end
for line in io.lines(os.getenv("EXOREG_QUESTIONS")) do
  local fields = split(line, "\t")
  questions[#questions + 1] = { split(fields[1], ","), split(fields[2], ","), split(fields[3], ",") }
end
local max_padding = tonumber(os.getenv("EXOREG_MAX_PADDING") or "2000")

local function encode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local function spelt(names, padding)
  local name = names[math.random(#names)]
  local out = {}
  for i = 1, #name do
    local c = name:sub(i, i)
    if math.random(2) == 1 then c = c:upper() else c = c:lower() end
    out[#out + 1] = c
  end
  local before = math.random(0, padding)
  return string.rep("%20", before) .. encode(table.concat(out)) .. string.rep("%20", padding - before)
end

function setup(thread)
  math.randomseed(os.time() + tonumber(tostring(thread):match("0x(%x+)") or "0", 16))
end

request = function()
  local q = questions[math.random(#questions)]
  -- each "%20" is three characters of the request line
  local padding = math.random(0, math.floor(max_padding / 9))
  return wrk.format("GET", "/api/v1/status?jurisdiction=" .. spelt(q[1], padding)
    .. "&source=" .. spelt(q[2], padding) .. "&deliveryMethod=" .. spelt(q[3], padding))
end
