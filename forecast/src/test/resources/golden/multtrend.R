# Golden fits for EtsMultiplicativeTrendTest: R's ets() with a multiplicative trend (MMN, MMdN, MMM) on training parts of
# shared/data/forecast, and the models ets(allow.multiplicative.trend = TRUE) selects. f6_textbook is l * b^(phi + ... +
# phi^6) from R's own final states: for damped multiplicative trends R's C etsforecast steps the exponent by phi^(i+1)
# instead of phi^(i+2) (phi, 2 phi, 2 phi + phi^2, ...), unlike its own class-1/2 forecasts and the textbook (Hyndman et
# al. 2008, table 2.1); for undamped models both are the same.
# Run from this folder: Rscript multtrend.R <path to shared/data/forecast>   Writes multtrend.csv.
suppressMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
dir <- if (length(args) > 0) args[1] else "../../../../../../shared/data/forecast"
read_series <- function(set, id, m) {
  lines <- readLines(file.path(dir, paste0(set, "-train.csv")))
  row <- strsplit(lines[startsWith(lines, paste0(id, ","))], ",")[[1]]
  ts(as.numeric(row[-1]), frequency = m)
}
cases <- list(list("M3-Yearly", "N2", 1, "MMN", FALSE), list("M3-Yearly", "N2", 1, "MMN", TRUE),
              list("M3-Other", "N2830", 1, "MMN", FALSE), list("M3-Monthly", "N1404", 12, "MMM", FALSE),
              list("M3-Quarterly", "N646", 4, "MMN", TRUE))
out <- data.frame()
for (c in cases) {
  y <- read_series(c[[1]], c[[2]], c[[3]])
  fit <- ets(y, model = c[[4]], damped = c[[5]])
  f <- forecast(fit, h = 6, PI = FALSE)
  p <- fit$par
  st <- fit$states[length(y) + 1, ]
  phi <- ifelse(c[[5]], p["phi"], 1)
  textbook <- st["l"] * st["b"]^sum(phi^(1:6)) * ifelse(substr(c[[4]], 3, 3) == "M", st[paste0("s", c[[3]] - 5 %% c[[3]])], 1)
  out <- rbind(out, data.frame(id = c[[2]], model = paste0(c[[4]], ifelse(c[[5]], "d", "")), label = fit$method,
                               loglik = fit$loglik, aicc = fit$aicc, alpha = p["alpha"], beta = p["beta"],
                               phi = ifelse(is.na(p["phi"]), NA, p["phi"]), l = p["l"], b = p["b"],
                               f1 = f$mean[1], f6 = f$mean[6], f6_textbook = as.numeric(textbook)))
}
sel <- data.frame()
for (c in list(list("M3-Yearly", "N2", 1), list("M3-Other", "N2830", 1), list("M3-Monthly", "N1404", 12),
               list("M3-Quarterly", "N646", 4), list("M3-Monthly", "N1402", 12))) {
  y <- read_series(c[[1]], c[[2]], c[[3]])
  sel <- rbind(sel, data.frame(id = c[[2]], label = ets(y, allow.multiplicative.trend = TRUE)$method))
}
write.csv(out, "multtrend.csv", row.names = FALSE)
write.csv(sel, "multtrend-selected.csv", row.names = FALSE)
cat(R.version.string, "forecast", as.character(packageVersion("forecast")), "\n")
