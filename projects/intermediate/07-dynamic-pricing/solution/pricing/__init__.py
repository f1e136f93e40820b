"""Dynamic pricing: elasticities recovered from confounded prices, monotone demand and rate
models judged in time, constrained optimal prices and a Thompson-sampling agent."""
