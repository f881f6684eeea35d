package city.parkgrid.accounts.memory;

import city.parkgrid.accounts.AccountBook;
import city.parkgrid.accounts.AccountsContract;

class InMemoryAccountsTest extends AccountsContract {

    @Override
    protected AccountBook newBook() {
        return new InMemoryAccountBook();
    }
}
