import type { RestClient } from "@tradewire/client";
import { call, isApiError } from "./call";
import type { AuthApi } from "./authApi";

export function restAuthApi(rest: RestClient): AuthApi {
  return {
    login: (username, password) =>
      call(rest.POST("/api/v1/auth/login", { body: { username, password } })),
    me: async () => {
      try {
        return await call(rest.GET("/api/v1/auth/me"));
      } catch (error) {
        if (isApiError(error) && error.status === 401) return null;
        throw error;
      }
    },
    switchAccount: (accountId) =>
      call(rest.POST("/api/v1/auth/account", { body: { accountId } })),
    logout: async () => {
      await call(rest.POST("/api/v1/auth/logout"));
    },
  };
}
