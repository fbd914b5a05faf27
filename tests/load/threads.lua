-- The load scripts' wrk requests: `counter` counts them, for taking the sessions in turn.
-- Each of wrk's threads runs the script in a Lua state of its own: seeded alike, they would ask for
-- the same pages in the same order, and the second would get the first's from the page memory. So
-- each thread is numbered, seeded apart and starts counting from its own place.
local counter = 0
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("id", threads)
end
init = function()
  math.randomseed(os.time() + 7919 * id)
  counter = 1000 * id
end
