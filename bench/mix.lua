-- Cycles through the request paths listed in the file named by EXOREG_PATHS, one per request.
local paths = {}
for line in io.lines(os.getenv("EXOREG_PATHS")) do
  paths[#paths + 1] = line
end
local counter = math.random(#paths)

request = function()
  counter = counter % #paths + 1
  return wrk.format("GET", paths[counter])
end
