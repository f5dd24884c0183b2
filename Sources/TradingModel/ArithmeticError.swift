/// Arithmetic on fixed-point values that would leave `Int64`, or divide by zero.
public enum ArithmeticError: Error, Hashable, Sendable, Codable {
    case overflow
    case divisionByZero
}
