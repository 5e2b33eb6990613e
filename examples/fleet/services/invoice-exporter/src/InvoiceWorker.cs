using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Fleet.Invoicing;

/// <summary>Exports every tariffed total to the ERP as an invoice line; runs with ASPNETCORE_ENVIRONMENT=prod|dev.</summary>
public sealed class InvoiceWorker : BackgroundService
{
    private readonly IConfiguration configuration;

    public InvoiceWorker(IConfiguration configuration) => this.configuration = configuration;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = configuration["Kafka:BootstrapServers"],
            GroupId = "invoice-exporter",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            SecurityProtocol = SecurityProtocol.Ssl,
            SslCertificateLocation = "/etc/invoice-exporter/client.pem",
            SslKeyLocation = "/etc/invoice-exporter/client.key",
        };
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        consumer.Subscribe(configuration["Kafka:InputTopic"]);
        while (!stoppingToken.IsCancellationRequested)
        {
            var result = consumer.Consume(stoppingToken);
            Erp.Post(result.Message.Key, result.Message.Value);
        }
    }, stoppingToken);
}
