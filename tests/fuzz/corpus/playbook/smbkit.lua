-- smbkit: the few arithmetic helpers the default playbooks share.
-- Every helper returns nil rather than dividing by zero or by a meaningless
-- (negative) base, so a metric is "not defined" instead of inf or NaN.
local M = {}

-- a / b, nil when b is zero.
function M.div(a, b)
  if b == 0 then return nil end
  return a / b
end

-- part as a percentage of whole; nil unless whole is positive (a share of a
-- zero or negative revenue, customer base or hour count means nothing).
function M.pct(part, whole)
  if whole <= 0 then return nil end
  return 100 * part / whole
end

-- Days a stock represents of a period flow: stock / flow × days in period
-- (DSO, DPO, DIO). nil unless the flow is positive.
function M.days_of(stock, flow, p)
  if flow <= 0 then return nil end
  return stock / flow * p.days
end

-- Growth in % of now over before; nil when there is no positive base.
function M.growth(now, before)
  if before == nil or before <= 0 then return nil end
  return 100 * (now - before) / before
end

-- A flow summed over the period, expressed per month.
function M.per_month(x, p)
  return x / p.months
end

-- A flow summed over the period, expressed per year.
function M.per_year(x, p)
  return x * 12 / p.months
end

return M
