package dev.pristine.examples.bookstore.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pristine.examples.bookstore.Invoice;
import dev.pristine.examples.bookstore.OrderLine;
import dev.pristine.examples.bookstore.StoreException;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;

/** Placing, paying and refunding invoices. */
public class InvoiceSteps {

    private static final LocalDateTime NOW = LocalDateTime.of(2026, 1, 15, 10, 0);

    private final StoreWorld world;

    public InvoiceSteps(StoreWorld world) {
        this.world = world;
    }

    @When("customer {int} places invoice {int} for {int} x track {int} and {int} x track {int}")
    public void placesTwoLines(int customer, int invoice, int q1, int t1, int q2, int t2) {
        place(customer, invoice, List.of(new OrderLine(t1, q1), new OrderLine(t2, q2)));
    }

    @Given("customer {int} has placed invoice {int} for {int} x track {int}")
    public void hasPlaced(int customer, int invoice, int quantity, int track) {
        place(customer, invoice, List.of(new OrderLine(track, quantity)));
    }

    @Then("placing invoice {int} again for customer {int} is refused with {string}")
    public void placingAgainIsRefused(int invoice, int customer, String message) {
        assertThatThrownBy(() -> place(customer, invoice, List.of(new OrderLine(2, 1))))
                .isInstanceOf(StoreException.class).hasMessage(world.ids().message(message));
    }

    @Then("invoice {int} is {word} and totals {bigdecimal}")
    public void invoiceIs(int id, String status, BigDecimal total) {
        Invoice invoice = world.store().invoice(world.ids().invoice(id));
        assertThat(invoice.status()).isEqualTo(status.toUpperCase(Locale.ROOT));
        assertThat(invoice.total()).isEqualByComparingTo(total);
        assertThat(world.store().totalMatchesLines(invoice.id())).as("total kept by the trigger").isTrue();
    }

    @Given("invoice {int} is paid")
    public void isPaid(int id) {
        world.store().pay(world.ids().invoice(id));
    }

    @When("invoice {int} is refunded")
    public void isRefunded(int id) {
        world.store().refund(world.ids().invoice(id));
    }

    @Then("paying invoice {int} again is refused with {string}")
    public void payingIsRefused(int id, String message) {
        assertThatThrownBy(() -> world.store().pay(world.ids().invoice(id))).isInstanceOf(StoreException.class)
                .hasMessage(world.ids().message(message));
    }

    @Then("refunding invoice {int} is refused with {string}")
    public void refundingIsRefused(int id, String message) {
        assertThatThrownBy(() -> world.store().refund(world.ids().invoice(id))).isInstanceOf(StoreException.class)
                .hasMessage(world.ids().message(message));
    }

    @Then("the store has {int} invoice(s)")
    public void storeInvoices(int expected) {
        Counts.check("invoices", world.store().invoiceCount(null), expected);
    }

    @Then("the store has {int} refunded invoice(s)")
    public void storeRefunded(int expected) {
        Counts.check("refunded invoices", world.store().invoiceCount("REFUNDED"), expected);
    }

    private void place(int customer, int invoice, List<OrderLine> lines) {
        Ids ids = world.ids();
        world.store().placeInvoice(ids.invoice(invoice), ids.customer(customer), NOW, lines);
    }
}
