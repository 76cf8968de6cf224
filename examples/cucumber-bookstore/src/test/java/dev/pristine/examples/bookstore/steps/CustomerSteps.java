package dev.pristine.examples.bookstore.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pristine.examples.bookstore.Customer;
import dev.pristine.examples.bookstore.StoreException;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.math.BigDecimal;

/** Registering customers and what they spent. */
public class CustomerSteps {

    private final StoreWorld world;

    public CustomerSteps(StoreWorld world) {
        this.world = world;
    }

    @Given("a new customer {int} {string} with e-mail {string} from {string}")
    public void aNewCustomer(int id, String name, String email, String country) {
        int space = name.indexOf(' ');
        registers(name.substring(0, space), name.substring(space + 1), email, country, id);
    }

    @When("{string} {string} registers with e-mail {string} from {string} as customer {int}")
    public void registers(String first, String last, String email, String country, int id) {
        Ids ids = world.ids();
        world.store().register(new Customer(ids.customer(id), first, last, ids.email(email), country));
    }

    @Then("customer {int} is {string} from {string}")
    public void customerIs(int id, String name, String country) {
        Customer c = world.store().customer(world.ids().customer(id));
        assertThat(c.fullName()).isEqualTo(name);
        assertThat(c.country()).isEqualTo(country);
    }

    @Then("registering {string} with e-mail {string} as customer {int} is refused with {string}")
    public void registeringIsRefused(String name, String email, int id, String message) {
        Ids ids = world.ids();
        int space = name.indexOf(' ');
        Customer c = new Customer(ids.customer(id), name.substring(0, space), name.substring(space + 1), ids.email(email), "USA");
        assertThatThrownBy(() -> world.store().register(c)).isInstanceOf(StoreException.class)
                .hasMessage(ids.message(message));
    }

    @Then("customer {int} has spent {bigdecimal} on {int} invoice(s)")
    public void hasSpent(int id, BigDecimal spent, int invoices) {
        var spend = world.store().spend(world.ids().customer(id));
        assertThat(spend.spent()).isEqualByComparingTo(spent);
        assertThat(spend.invoices()).isEqualTo(invoices);
    }

    @Then("the store has {int} customer(s)")
    public void storeCustomers(int expected) {
        Counts.check("customers", world.store().customerCount(), expected);
    }
}
