# bench/ets.R — R's forecast::ets on named series of R's datasets package: for
# each, the series as CSV (one value a line) in DIR, and one line of results:
# name, period, n, the model R selects, its SSE (Σ (y - ŷ)²), its AICc with
# the constant R leaves out added back (n·(log(2π/n) + 1)), so that it is the
# AICc smbopt reports, and the mean absolute error of forecasting the last
# year (the last period values, 10 for annual series) from a fit without it.
# Usage: Rscript bench/ets.R DIR name...
suppressMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
cat("name,period,n,model,sse,aicc,holdout,mae\n")
for (nm in args[-1]) {
	y <- get(nm, envir = asNamespace("datasets"))
	m <- frequency(y)
	n <- length(y)
	write.table(data.frame(value = as.numeric(y)), file.path(dir, paste0(nm, ".csv")),
	            row.names = FALSE, col.names = FALSE)
	f <- ets(y)
	sse <- sum((as.numeric(y) - as.numeric(fitted(f)))^2)
	aicc <- f$aicc + n * (log(2 * pi / n) + 1)
	h <- if (m > 1) m else 10
	train <- ts(as.numeric(y)[1:(n - h)], frequency = m)
	g <- ets(train)
	mae <- mean(abs(as.numeric(forecast(g, h = h)$mean) - as.numeric(y)[(n - h + 1):n]))
	cat(sprintf("%s,%d,%d,%s,%.10g,%.10g,%d,%.10g\n", nm, m, n,
	            gsub("[(),]", "", sub("ETS", "", f$method)), sse, aicc, h, mae))
}
