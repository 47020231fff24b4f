# Golden components for MstlTest: R's forecast::mstl on the first two M4-Hourly training series, periods 24 and 168.
# Run from this folder: Rscript mstl.R /path/to/shared/data/forecast/M4-Hourly-train.csv
# Writes mstl-jump1.csv (every point smoothed, as MarketLink's STL does) and mstl-default.csv (R's default jumps).
suppressMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
lines <- readLines(args[1], n = 2)
out1 <- NULL
out2 <- NULL
for (line in lines) {
  parts <- strsplit(line, ",")[[1]]
  id <- parts[1]
  y <- as.numeric(parts[-1])
  y <- y[!is.na(y)]
  x <- msts(y, seasonal.periods = c(24, 168))
  exact <- mstl(x, s.jump = 1, t.jump = 1, l.jump = 1)
  usual <- mstl(x)
  frame <- function(m) data.frame(id = id, t = seq_along(y) - 1, y = y, trend = as.numeric(m[, "Trend"]),
                                  seasonal24 = as.numeric(m[, "Seasonal24"]),
                                  seasonal168 = as.numeric(m[, "Seasonal168"]),
                                  remainder = as.numeric(m[, "Remainder"]))
  out1 <- rbind(out1, frame(exact))
  out2 <- rbind(out2, frame(usual))
}
write.csv(out1, "mstl-jump1.csv", row.names = FALSE)
write.csv(out2, "mstl-default.csv", row.names = FALSE)
cat(R.version.string, "forecast", as.character(packageVersion("forecast")), "\n")
