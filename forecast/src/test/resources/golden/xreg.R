# Golden fit for DynamicRegressionGoldenTest: R's forecast::Arima with xreg (joint maximum likelihood) on a series
# with a known price elasticity (-1.5), a promotion lift (0.4) and AR(1) errors (phi 0.6), 300 steps, 12 ahead.
# Run from this folder: Rscript xreg.R   Writes xreg-data.csv and xreg-fit.csv.
suppressMessages(library(forecast))
set.seed(20261207)
n <- 312
price <- numeric(n)
p <- log(2)
for (t in 1:n) {
  if (runif(1) < 0.1) p <- log(1.5 + runif(1))
  price[t] <- p
}
promotion <- as.numeric(runif(n) < 1 / 12)
e <- as.numeric(arima.sim(list(ar = 0.6), n = n, sd = 0.1))
y <- 4 - 1.5 * price + 0.4 * promotion + e
write.csv(data.frame(t = 1:n, y = y, log_price = price, promotion = promotion), "xreg-data.csv", row.names = FALSE)
train <- 1:300
x <- cbind(log_price = price, promotion = promotion)
fit <- Arima(y[train], order = c(1, 0, 0), xreg = x[train, ], method = "ML")
f <- forecast(fit, xreg = x[301:312, ], level = 95)
co <- coef(fit)
write.csv(data.frame(name = c(names(co), paste0("mean", 1:12), paste0("lower95_", 1:12), paste0("upper95_", 1:12)),
                     value = c(as.numeric(co), as.numeric(f$mean), as.numeric(f$lower), as.numeric(f$upper))),
          "xreg-fit.csv", row.names = FALSE)
cat(R.version.string, "forecast", as.character(packageVersion("forecast")), "\n")
