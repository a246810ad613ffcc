// Language server entry point: filled in by the language-service work (issue 2).
export {};
