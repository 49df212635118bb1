// The bearer credential playwright.config.ts gives the portal's HTTP SPI.
export const SPI_TOKEN = 'e2e-spi-bearer-credential-0123456789';
