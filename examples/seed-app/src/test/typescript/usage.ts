// Compiled by .ci/typescript-check against the types `schema typescript` writes for the seed app:
// if the generated declarations stop describing the API this client code relies on, CI fails.
import type { Operations, Paths, UserCreate, UserResponseBody, ValidationErrorResponse } from "./api";

type GetUser = Operations["getApiV1UsersUserId"];
type CreateUser = Paths["/api/v1/users"]["post"];
type ListOrders = Operations["getApiV1Orders"];

const method: GetUser["method"] = "GET";
const userId: GetUser["parameters"]["path"]["user_id"] = 1;
const noQuery: GetUser["parameters"]["query"] = {};

const created: UserCreate = { name: "Ada", email: "ada@example.com", password: "analytical-engine" };
const body: CreateUser["requestBody"] = created;

function describe(user: GetUser["responses"][200]): string {
  const id: number | null = user.id;
  const createdAt: string | null = user.created_at;
  return `${id} ${user.name} <${user.email}> ${createdAt ?? "now"}`;
}

function problems(error: CreateUser["responses"][400]): string[] {
  return (error.extra ?? []).map((entry) => `${entry.source ?? "body"} ${entry.key}: ${entry.message}`);
}

function orders(list: ListOrders["responses"][200]): number {
  return list.reduce((sum, order) => sum + order.total * (order.quantity ?? 1), 0);
}

// the wrong shapes must not compile
// @ts-expect-error a user id is a number
const wrongId: GetUser["parameters"]["path"]["user_id"] = "1";
// @ts-expect-error a new user needs a password
const incomplete: UserCreate = { name: "Ada", email: "ada@example.com" };
// @ts-expect-error getting a user sends no body
const getBody: GetUser["requestBody"] = created;

const user: UserResponseBody = { id: 1, name: "Ada", email: "ada@example.com", created_at: null };
const refused: ValidationErrorResponse = { status_code: 400, detail: "Validation failed" };
export const checks = [method, userId, noQuery, body, describe(user), problems(refused), orders([]), wrongId, incomplete, getBody];
