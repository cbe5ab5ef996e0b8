/** A small valid pack as YAML text, for tests that break one part of it. */
export const minimalPackYaml = `id: demo
name: Demo Shop
messages:
  fallback: Sorry, I can't help with that.
intents:
  - id: greeting
    tags: [smalltalk]
    answer: Hello there!
    examples: [hi, hello, hey, good morning, hi there, hello bot, hey you, good evening, hiya, greetings]
  - id: order_status
    team: orders
    tool: { id: orders }
    answer: Order {{entity.order_id}} is {{tool.orders.status}}.
    examples:
      - where is my order
      - track my package
      - has my order shipped
      - when will my parcel arrive
      - status of my purchase
      - is my delivery on the way
      - did you send my order
      - order tracking please
      - my package location
      - when does my order come
  - id: opening_hours
    answer: We are open 9 to 5.
    examples:
      - when are you open
      - opening hours
      - what time do you close
      - are you open on sunday
      - store hours
      - what are your hours
      - when do you open tomorrow
      - are you open today
      - closing time
      - hours on saturday
tools:
  - id: orders
    kind: static
    key: order_id
    data:
      A1001: { status: shipped }
teams:
  - id: support
    name: Support
    default: true
  - id: orders
    name: Orders
`;
