package dev.syspatterns.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.workflow.payment.PaymentProvider;
import dev.syspatterns.workflow.payment.SimulatedPaymentProvider;
import dev.syspatterns.workflow.shipping.ShippingProvider;
import dev.syspatterns.workflow.shipping.SimulatedShippingProvider;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The simulated providers are defaults: a provider of the application's own replaces them, one at a time. */
class SimulatedProvidersAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SimulatedProvidersAutoConfiguration.class))
            .withUserConfiguration(BoundProperties.class);

    @Test
    void isRegisteredAsAnAutoConfiguration() {
        assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()))
                .contains(SimulatedProvidersAutoConfiguration.class.getName());
    }

    @Test
    void withoutProvidersOfItsOwnTheServiceUsesTheSimulatedOnes() {
        runner.run(context -> {
            assertThat(context).getBean(PaymentProvider.class).isInstanceOf(SimulatedPaymentProvider.class);
            assertThat(context).getBean(ShippingProvider.class).isInstanceOf(SimulatedShippingProvider.class);
        });
    }

    @Test
    void aPaymentProviderOfItsOwnReplacesTheSimulatedOneAndLeavesShippingAlone() {
        runner.withUserConfiguration(RealPayments.class).run(context -> {
            assertThat(context).hasSingleBean(PaymentProvider.class);
            assertThat(context.getBean(PaymentProvider.class)).isSameAs(RealPayments.PROVIDER);
            assertThat(context).getBean(ShippingProvider.class).isInstanceOf(SimulatedShippingProvider.class);
        });
    }

    @Test
    void aShippingProviderOfItsOwnReplacesTheSimulatedOne() {
        runner.withUserConfiguration(RealShipping.class).run(context -> {
            assertThat(context).hasSingleBean(ShippingProvider.class);
            assertThat(context.getBean(ShippingProvider.class)).isSameAs(RealShipping.PROVIDER);
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(WorkflowProperties.class)
    static class BoundProperties {}

    @Configuration(proxyBeanMethods = false)
    static class RealPayments {
        static final PaymentProvider PROVIDER = new PaymentProvider() {
            @Override
            public String charge(String chargeId, String orderId, long amountCents, String paymentToken) {
                return chargeId;
            }

            @Override
            public void refund(String chargeId) {}
        };

        @Bean
        PaymentProvider realPaymentProvider() {
            return PROVIDER;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class RealShipping {
        static final ShippingProvider PROVIDER = new ShippingProvider() {
            @Override
            public String createShipment(String shipmentId, String orderId, String address) {
                return shipmentId;
            }

            @Override
            public void cancel(String shipmentId) {}
        };

        @Bean
        ShippingProvider realShippingProvider() {
            return PROVIDER;
        }
    }
}
