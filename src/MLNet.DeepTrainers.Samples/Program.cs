using MLNet.DeepTrainers.Samples;

string data = Path.Combine(AppContext.BaseDirectory, "data", "boston_house_prices.csv");
BostonSample.Run(data, "house.zip", epochs: 100, Console.Out);
