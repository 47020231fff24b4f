# Golden figures for ModelSummaryGoldenTest and BoxCoxGoldenTest: R's fitted values, residuals, information criteria
# and Ljung-Box test (checkresiduals' lags and degrees of freedom) of ets() fits, Box.test on a fixed vector,
# Guerrero's Box-Cox lambda and a bias-adjusted Box-Cox ETS forecast, on training parts of shared/data/forecast.
# Run from this folder: Rscript summary.R <path to shared/data/forecast>
# Writes summary-fits.csv, summary-stats.csv and boxcox.csv.
suppressMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
dir <- if (length(args) > 0) args[1] else "../../../../../../shared/data/forecast"
read_series <- function(set, id, m) {
  lines <- readLines(file.path(dir, paste0(set, "-train.csv")))
  row <- strsplit(lines[startsWith(lines, paste0(id, ","))], ",")[[1]]
  ts(as.numeric(row[-1]), frequency = m)
}
cases <- list(list("M3-Monthly", "N1402", 12, "ANN"), list("M3-Monthly", "N1402", 12, "MAM"),
              list("M3-Other", "N2830", 1, "AAN"), list("M3-Yearly", "N2", 1, "MAN"))
fits <- data.frame()
stats <- data.frame()
for (c in cases) {
  y <- read_series(c[[1]], c[[2]], c[[3]])
  fit <- ets(y, model = c[[4]], damped = FALSE)
  key <- paste(c[[2]], c[[4]])
  fits <- rbind(fits, data.frame(case = key, t = seq_along(y), fitted = as.numeric(fitted(fit)),
                                 residual = as.numeric(residuals(fit))))
  lb <- checkresiduals(fit, plot = FALSE)
  stats <- rbind(stats, data.frame(case = key, loglik = fit$loglik, aic = fit$aic, aicc = fit$aicc, bic = fit$bic,
                                   fitdf = length(fit$par), lb_stat = as.numeric(lb$statistic),
                                   lb_df = as.numeric(lb$parameter), lb_p = lb$p.value))
}
x <- sin(1:40 * 0.7) + cos(1:40 * 0.13) * 0.5 + (1:40 %% 3) * 0.2
bt <- Box.test(x, lag = 7, type = "Ljung-Box", fitdf = 2)
stats <- rbind(stats, data.frame(case = "box.test", loglik = NA, aic = NA, aicc = NA, bic = NA, fitdf = 2,
                                 lb_stat = as.numeric(bt$statistic), lb_df = 5, lb_p = bt$p.value))
write.csv(fits, "summary-fits.csv", row.names = FALSE)
write.csv(stats, "summary-stats.csv", row.names = FALSE)
boxcox <- data.frame()
for (c in list(list("M3-Monthly", "N1402", 12), list("M3-Other", "N2830", 1), list("M3-Quarterly", "N646", 4))) {
  y <- read_series(c[[1]], c[[2]], c[[3]])
  lambda <- BoxCox.lambda(y, method = "guerrero")
  fit <- ets(y, model = "AAN", damped = FALSE, lambda = lambda, biasadj = TRUE)
  f <- forecast(fit, h = 8, level = c(80, 95), biasadj = TRUE)
  boxcox <- rbind(boxcox, data.frame(case = c[[2]], lambda = lambda, h = 1:8, mean = as.numeric(f$mean),
                                     lower80 = as.numeric(f$lower[, 1]), upper80 = as.numeric(f$upper[, 1]),
                                     lower95 = as.numeric(f$lower[, 2]), upper95 = as.numeric(f$upper[, 2])))
}
write.csv(boxcox, "boxcox.csv", row.names = FALSE)
cat(R.version.string, "forecast", as.character(packageVersion("forecast")), "\n")
