"""Customer journey: sessions from a faulty shop log, funnels in pandas and in DuckDB SQL,
a conversion model from partial journeys, and attribution scored against the truth."""
