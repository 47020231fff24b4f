# Golden fits for ArimaMaximumLikelihoodTest: R's Arima(method = "ML") with fixed orders on training parts of
# shared/data/forecast: coefficients, log-likelihood, sigma2, AICc and the first six forecasts.
# Run from this folder: Rscript arima-ml.R <path to shared/data/forecast>   Writes arima-ml.csv.
suppressMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
dir <- if (length(args) > 0) args[1] else "../../../../../../shared/data/forecast"
read_series <- function(set, id, m) {
  lines <- readLines(file.path(dir, paste0(set, "-train.csv")))
  row <- strsplit(lines[startsWith(lines, paste0(id, ","))], ",")[[1]]
  ts(as.numeric(row[-1]), frequency = m)
}
# set, id, m, p d q, P D Q, mean (d + D = 0) or drift (d + D = 1)
cases <- list(list("M3-Monthly", "N1402", 12, c(0, 1, 1), c(0, 1, 1), FALSE),
              list("M3-Other", "N2830", 1, c(1, 1, 1), c(0, 0, 0), FALSE),
              list("M3-Other", "N2830", 1, c(2, 1, 0), c(0, 0, 0), TRUE),
              list("M3-Monthly", "N1404", 12, c(1, 0, 0), c(1, 0, 0), TRUE),
              list("M3-Quarterly", "N646", 4, c(0, 1, 1), c(0, 0, 0), FALSE))
out <- data.frame()
for (c in cases) {
  y <- read_series(c[[1]], c[[2]], c[[3]])
  seasonal <- sum(c[[5]]) > 0
  fit <- if (sum(c[[4]][2], c[[5]][2]) == 0) {
    Arima(y, order = c[[4]], seasonal = c[[5]], include.mean = c[[6]], method = "ML")
  } else {
    Arima(y, order = c[[4]], seasonal = c[[5]], include.drift = c[[6]], method = "ML")
  }
  f <- forecast(fit, h = 6, level = 95)
  key <- paste(c[[2]], paste(c[[4]], collapse = ""), paste(c[[5]], collapse = ""), c[[6]])
  out <- rbind(out, data.frame(case = key, name = c(names(coef(fit)), "loglik", "sigma2", "aicc",
                                                     paste0("f", 1:6), paste0("upper95_", 1:6)),
                               value = c(as.numeric(coef(fit)), fit$loglik, fit$sigma2, fit$aicc,
                                         as.numeric(f$mean), as.numeric(f$upper))))
}
write.csv(out, "arima-ml.csv", row.names = FALSE)
cat(R.version.string, "forecast", as.character(packageVersion("forecast")), "\n")
