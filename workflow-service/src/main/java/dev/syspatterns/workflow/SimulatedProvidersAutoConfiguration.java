package dev.syspatterns.workflow;

import dev.syspatterns.workflow.payment.PaymentProvider;
import dev.syspatterns.workflow.payment.SimulatedPaymentProvider;
import dev.syspatterns.workflow.shipping.ShippingProvider;
import dev.syspatterns.workflow.shipping.SimulatedShippingProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The simulated payment and shipping providers, as defaults that back off: a {@link PaymentProvider} or
 * {@link ShippingProvider} bean of the application's own (a real provider) replaces the simulated one instead of
 * making a second candidate. An auto-configuration (listed in {@code META-INF/spring/...AutoConfiguration.imports},
 * kept out of component scanning) because it is processed after every bean of the application, so the
 * {@code @ConditionalOnMissingBean} sees them all wherever they are declared.
 */
@AutoConfiguration
public class SimulatedProvidersAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(PaymentProvider.class)
    SimulatedPaymentProvider simulatedPaymentProvider(WorkflowProperties properties) {
        return new SimulatedPaymentProvider(properties.simulation().slowStepDelay());
    }

    @Bean
    @ConditionalOnMissingBean(ShippingProvider.class)
    SimulatedShippingProvider simulatedShippingProvider(WorkflowProperties properties) {
        return new SimulatedShippingProvider(properties.simulation().slowStepDelay());
    }
}
